using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Web.Cli;

/// <summary>Runs the real <c>Exchange.Web probe</c> process, the container health check, against the app on a loopback port.</summary>
[Integration]
public class ProbeCommandTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private readonly TempFolder folder = new();
    private Uri address = null!;

    public ValueTask InitializeAsync()
    {
        address = app.StartOnKestrel();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_page_that_answers_200_is_healthy()
    {
        var run = await AppProcess.RunAsync(folder.Path, ["probe", new Uri(address, "/Identity/Account/Login").ToString()]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("answered 200 OK", run.Output);
    }

    [Fact]
    public async Task Any_other_status_is_unhealthy()
    {
        var run = await AppProcess.RunAsync(folder.Path, ["probe", new Uri(address, "/no-such-page").ToString()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("answered 404", run.Output);
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy_with_a_message()
    {
        var run = await AppProcess.RunAsync(folder.Path, ["probe", "http://127.0.0.1:9/health/ready"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("http://127.0.0.1:9/health/ready did not answer", run.Error);
    }

    [Fact]
    public async Task A_missing_url_says_how_to_call_it()
    {
        var run = await AppProcess.RunAsync(folder.Path, ["probe"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("probe takes one http(s) URL", run.Error);
    }
}
