using System.Net;
using System.Text.RegularExpressions;
using Exchange.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Exchange.Benchmarks.Circuits;

/// <summary>A user of the benchmark with the cookie their browser would send.</summary>
internal sealed record SignedInUser(string Id, string Email, string Cookie);

/// <summary>
/// The benchmark's users. They are created through Identity's user manager, all with one password
/// hash computed once (hashing is what makes creating or signing in thousands slow). A few sign in
/// over HTTP through the login form, which is timed; the others get the cookie that sign-in would
/// have set, made by the app's own cookie handler format with the app's key ring (in the database).
/// </summary>
internal static partial class BenchmarkUsers
{
    public const string Password = "circuits-benchmark-1";

    public static async Task<List<ExchangeUser>> CreateAsync(IServiceProvider services, int count)
    {
        string? hash = null;
        var created = new List<ExchangeUser>(count);
        // A scope per chunk: one tracking context for thousands of users would slow every save.
        foreach (var chunk in Enumerable.Range(0, count).Chunk(200))
        {
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
            hash ??= users.PasswordHasher.HashPassword(new ExchangeUser(), Password);
            foreach (var i in chunk)
            {
                var user = new ExchangeUser { UserName = $"circuit-{i}@benchmark.example", Email = $"circuit-{i}@benchmark.example", PasswordHash = hash };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded) throw new InvalidOperationException($"User {user.Email} was not created: {string.Join(' ', result.Errors.Select(e => e.Description))}");
                created.Add(user);
            }
        }
        return created;
    }

    /// <summary>The cookie <see cref="SignInManager{TUser}"/> would issue: the same claims, ticket and data protector as the app's cookie handler.</summary>
    public static async Task<List<SignedInUser>> CookiesAsync(IServiceProvider services, IEnumerable<ExchangeUser> users)
    {
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var signedIn = new List<SignedInUser>();
        foreach (var chunk in users.Chunk(200))
        {
            await using var scope = services.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ExchangeUser>>();
            foreach (var user in chunk)
            {
                var now = DateTimeOffset.UtcNow;
                var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.Add(options.ExpireTimeSpan) };
                var ticket = new AuthenticationTicket(await signIn.CreateUserPrincipalAsync(user), properties, IdentityConstants.ApplicationScheme);
                signedIn.Add(new SignedInUser(user.Id, user.Email!, $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}"));
            }
        }
        return signedIn;
    }

    /// <summary>Signs in through the login form as a browser does: the form, its antiforgery token, the post, the cookie it sets.</summary>
    public static async Task<SignedInUser> SignInOverHttpAsync(HttpClient http, Uri site, ExchangeUser user, CancellationToken cancellationToken)
    {
        var login = new Uri(site, "Identity/Account/Login");
        using var form = new HttpRequestMessage(HttpMethod.Get, login);
        VirtualBrowser.Sign(form.Headers, null);
        using var formResponse = await http.SendAsync(form, cancellationToken);
        var html = await formResponse.Content.ReadAsStringAsync(cancellationToken);
        var token = Token().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The login form has no antiforgery token.");

        using var post = new HttpRequestMessage(HttpMethod.Post, login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = user.Email!, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
            }),
        };
        VirtualBrowser.Sign(post.Headers, string.Join("; ", CookiesSet(formResponse)));
        using var answer = await http.SendAsync(post, cancellationToken);
        var cookie = CookiesSet(answer).FirstOrDefault(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        return answer.StatusCode == HttpStatusCode.Redirect && cookie is not null
            ? new SignedInUser(user.Id, user.Email!, cookie)
            : throw new InvalidOperationException($"Signing in {user.Email} over HTTP answered {(int)answer.StatusCode} without the login cookie.");
    }

    private static IEnumerable<string> CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex Token();
}
