using Exchange.Core.Notices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exchange.Core.AccountFreeze;

public static class AccountFreezeServiceCollectionExtensions
{
    /// <summary>"This wasn't me": the links in security mails and the freeze they lead to.</summary>
    public static IHostApplicationBuilder AddAccountFreeze(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountFreezeOptions>().Bind(builder.Configuration.GetSection(AccountFreezeOptions.Section))
            .Validate(o => o.LinkLifetime >= TimeSpan.FromMinutes(10), "AccountFreeze:LinkLifetime must be at least 10 minutes.")
            .ValidateOnStart();
        services.AddSingleton<AccountFreezes>();
        services.AddSingleton<INoticeMailLinks, FreezeLinks>();
        return builder;
    }
}
