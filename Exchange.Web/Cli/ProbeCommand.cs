namespace Exchange.Web.Cli;

/// <summary>
/// <c>probe URL</c>: exits 0 when a GET of URL answers 200, 1 otherwise. The container health
/// check, since the runtime image has no curl or wget.
/// </summary>
public static class ProbeCommand
{
    public const string Verb = "probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync("probe takes one http(s) URL, e.g. probe http://127.0.0.1:8080/health/ready");
            return 2;
        }
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url);
            await output.WriteLineAsync($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.StatusCode == System.Net.HttpStatusCode.OK ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{url} did not answer: {e.Message}");
            return 1;
        }
    }
}
