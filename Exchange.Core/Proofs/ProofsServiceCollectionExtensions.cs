using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exchange.Core.Proofs;

public static class ProofsServiceCollectionExtensions
{
    /// <summary>Proofs of liabilities: the settings (the signing key checked at start), the key, snapshots and their reads.</summary>
    public static IHostApplicationBuilder AddProofOfLiabilities(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProofOfLiabilitiesOptions>().Bind(builder.Configuration.GetSection(ProofOfLiabilitiesOptions.Section))
            .Validate(o => o.Schedule >= TimeSpan.FromMinutes(1), "ProofOfLiabilities:Schedule must be at least one minute.")
            .Validate(o => o.TreesKept >= 1, "ProofOfLiabilities:TreesKept must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofOfLiabilitiesOptions>, SigningKeyCheck>();
        services.AddSingleton<ProofSigningKey>();
        services.AddSingleton<ProofSnapshotBuilder>();
        services.AddSingleton<ProofSnapshots>();
        services.AddSingleton<ProofQueries>();
        services.AddSingleton<ProofLeafDownloads>();
        return builder;
    }

    private sealed class SigningKeyCheck(IHostEnvironment environment) : IValidateOptions<ProofOfLiabilitiesOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProofOfLiabilitiesOptions options) =>
            ProofSigningKey.Problem(options, environment) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
