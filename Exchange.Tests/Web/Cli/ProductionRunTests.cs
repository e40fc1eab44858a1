using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>
/// The real Exchange.Web process started outside Development from its project folder, as
/// `dotnet run --no-launch-profile` does: that folder's wwwroot lacks the package assets a publish would copy in.
/// </summary>
[Integration]
public partial class ProductionRunTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Pages_are_styled_because_every_stylesheet_they_link_is_served()
    {
        await using var process = ExchangeProcess.Start("Production", "--Urls=http://127.0.0.1:0",
            $"--Database:ConnectionString=Data Source={Path.Combine(folder.Path, "exchange.db")}", "--DemoAccounts:Enabled=false",
            "--Jobs:Enabled=false", "--HubEmulator:Enabled=true", "--HubEmulator:Url=http://127.0.0.1:0", $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}");
        using var http = new HttpClient { BaseAddress = await process.ListeningAsync(TimeSpan.FromSeconds(60)) };
        var home = await http.GetStringAsync("/", Token);
        var stylesheets = Stylesheet().Matches(home).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(stylesheets, s => s.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
        foreach (var stylesheet in stylesheets)
            Assert.True((await http.GetAsync(stylesheet, Token)).IsSuccessStatusCode, $"{stylesheet} is not served");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();
}
