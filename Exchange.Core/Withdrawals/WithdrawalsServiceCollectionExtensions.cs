using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Core.Withdrawals;

internal static class WithdrawalsServiceCollectionExtensions
{
    /// <summary>
    /// Withdrawals: their rules and <c>WithdrawalSecurity</c> settings (validated at start), the
    /// users' and operators' commands, the reads, and the processor that carries them through Hub.
    /// </summary>
    public static IServiceCollection AddWithdrawals(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WithdrawalSecurityOptions>().Bind(configuration.GetSection(WithdrawalSecurityOptions.Section))
            .Validate(o => o.TwoFactorRequiredAboveUsd is null or >= 0, "WithdrawalSecurity:TwoFactorRequiredAboveUsd must not be negative.")
            .Validate(o => o.HoldAfterSecurityChange >= TimeSpan.Zero, "WithdrawalSecurity:HoldAfterSecurityChange must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<WithdrawalValidator>();
        services.AddSingleton<WithdrawalTwoFactorRule>();
        services.AddSingleton<ManualCreditReview>();
        services.AddSingleton<WithdrawalQueries>();
        services.AddSingleton<WithdrawalTransitions>();
        services.AddSingleton<WithdrawalCreation>();
        services.AddSingleton<UserWithdrawalCommands>();
        services.AddSingleton<OperatorWithdrawalCommands>();
        services.AddSingleton<HubWithdrawalSteps>();
        services.AddSingleton<WithdrawalCancellation>();
        services.AddSingleton<UnknownWithdrawals>();
        services.AddSingleton<WithdrawalProcessor>();
        return services;
    }
}
