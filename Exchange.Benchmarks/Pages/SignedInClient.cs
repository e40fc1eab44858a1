using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exchange.Benchmarks.Serving;

namespace Exchange.Benchmarks.Pages;

/// <summary>
/// One user's HTTP client against the running exchange, signed in by posting the real login form;
/// it keeps the login cookie and follows no redirect (a redirect to the login page is an error).
/// </summary>
internal sealed partial class SignedInClient(HttpClient http, BenchmarkUser user) : IDisposable
{
    public BenchmarkUser User { get; } = user;

    /// <summary>The deposit address the user asked for, which the deposit page must show.</summary>
    public string DepositAddress { get; private set; } = "";

    public static async Task<SignedInClient> LogInAsync(Uri server, BenchmarkUser user)
    {
        var http = new HttpClient(new LoopbackProxyHandler())
        {
            BaseAddress = server, Timeout = TimeSpan.FromSeconds(60),
        };
        var form = await http.GetStringAsync("/Identity/Account/Login");
        var token = VerificationToken().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email, ["Input.Password"] = PagesSeed.Password, ["Input.RememberMe"] = "false", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.OrdinalIgnoreCase) == true)
            throw new InvalidOperationException($"{user.Email} was not signed in: {(int)response.StatusCode} {response.Headers.Location}");
        return new SignedInClient(http, user);
    }

    /// <summary>A deposit address from the JSON API, as a script of the user's would ask for one (the cookie needs the antiforgery header).</summary>
    public async Task RequestDepositAddressAsync()
    {
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/antiforgery-token");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deposit-address");
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"{User.Email} got no deposit address: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        DepositAddress = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("address").GetString()!;
    }

    /// <summary>GETs the page; null when it answered 200 with what it should show, else what was wrong.</summary>
    public async Task<string?> FetchAsync(BenchmarkPage page, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(page.Path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return $"{page.Name}: {(int)response.StatusCode} {response.Headers.Location}";
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return page.Problem(this, body) is { } problem ? $"{page.Name}: {problem}" : null;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex VerificationToken();
}
