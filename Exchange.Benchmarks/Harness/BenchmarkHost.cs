using Exchange.Core;
using Exchange.Hub;
using Exchange.Web;

namespace Exchange.Benchmarks.Harness;

/// <summary>The exchange's Core for a benchmark: a fresh SQLite file in its own folder, no logging, the Hub client when there is a Hub.</summary>
internal static class BenchmarkHost
{
    public static HostApplicationBuilder Create(string folder, Uri? hub = null, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, Args = HostArguments.With([]) });
        builder.Configuration["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "exchange.db")}";
        if (hub is not null) builder.Configuration["Hub:Url"] = hub.ToString();
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        builder.AddExchangeCore();
        if (hub is not null) builder.Services.AddHubClient(builder.Configuration);
        return builder;
    }
}
