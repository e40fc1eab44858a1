using System.Diagnostics;
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
        using var process = Start();
        try
        {
            var address = await ListeningAddressAsync(process);
            using var http = new HttpClient { BaseAddress = address };
            var home = await http.GetStringAsync("/", Token);
            var stylesheets = Stylesheet().Matches(home).Select(m => m.Groups[1].Value).ToList();

            Assert.Contains(stylesheets, s => s.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
            foreach (var stylesheet in stylesheets)
                Assert.True((await http.GetAsync(stylesheet, Token)).IsSuccessStatusCode, $"{stylesheet} is not served");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = Path.Combine(RepositoryFolders.Root, "Exchange.Web") };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Exchange.Web.dll"), "--Urls=http://127.0.0.1:0",
                     $"--Database:ConnectionString=Data Source={Path.Combine(folder.Path, "exchange.db")}", "--DemoAccounts:Enabled=false",
                     "--Jobs:Enabled=false", "--HubEmulator:Enabled=true", "--HubEmulator:Url=http://127.0.0.1:0", $"--HubEmulator:DatabasePath={Path.Combine(folder.Path, "hub.db")}"])
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task<Uri> ListeningAddressAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync(Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match) return new Uri(match.Groups[1].Value);
        }
        throw new InvalidOperationException($"Exchange.Web exited with {process.ExitCode} before listening.");
    }

    // Outside Development the line is inside a JSON object.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();
}
