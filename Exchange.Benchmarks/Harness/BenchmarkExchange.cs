using Exchange.Core.Accounts;
using Exchange.Core.Data;
using Exchange.Hub.Client;
using Exchange.Web.Accounts.TwoFactor;

namespace Exchange.Benchmarks.Harness;

/// <summary>The exchange's Core on a benchmark's store, its Hub client counting every call it makes.</summary>
internal static class BenchmarkExchange
{
    public static IHost Build(string folder, BenchmarkStore store, Uri hub, HubCallCounter counter, params (string Key, string Value)[] settings)
    {
        var builder = BenchmarkHost.Create(folder, hub,
            [("Hub:TimeoutSeconds", "120"), ("HubSync:UnknownOutcomeGrace", "00:05:00"), .. store.Settings, .. settings]);
        builder.Services.AddHttpClient<IHubClient, HubClient>().AddHttpMessageHandler(counter.Handler);
        // Core's withdrawal rules ask Identity for two-factor codes, as in the app.
        builder.Services.AddIdentityCore<ExchangeUser>().AddEntityFrameworkStores<ExchangeDbContext>().AddSingleUseAuthenticator();
        return builder.Build();
    }
}
