using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Deployment;

/// <summary>
/// The app reads its configuration files once. Watching them watches the whole content root, where
/// the SQLite database and its WAL live: every write would wake the watcher.
/// </summary>
[Integration]
public class ConfigurationReadOnceTests
{
    [Fact]
    public async Task The_running_app_reads_its_settings_files_but_does_not_watch_them()
    {
        await using var app = new ExchangeAppFactory(); // its Services start the host through Program, as a deployment does

        var files = ((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToList();

        Assert.Contains(files, f => f.Source.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched for changes"));
    }
}
