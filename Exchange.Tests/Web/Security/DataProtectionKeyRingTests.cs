using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Security;

/// <summary>
/// The cookie key ring lives in the exchange's database: a restart (or a second instance) logs nobody
/// out. Outside Development it is encrypted to a certificate unless unencrypted keys are allowed on purpose.
/// </summary>
[Integration]
public class DataProtectionKeyRingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ExchangeAppFactory On(TempFolder folder) => new()
    {
        Settings =
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder.Path, "exchange.db")}",
            ["HubEmulator:DatabasePath"] = Path.Combine(folder.Path, "hub.db"),
        },
    };

    [Fact]
    public async Task A_login_cookie_from_one_instance_is_accepted_by_the_next_on_the_same_database()
    {
        using var folder = new TempFolder();
        string cookie;
        int keysStored;
        await using (var first = On(folder))
        {
            await first.CreateAsync("alice@example.com");
            cookie = string.Join("; ", (await LoginCookieAsync(first)).Select(c => c.Split(';')[0]));
            await using var db = first.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
            keysStored = await db.DataProtectionKeys.CountAsync(Token);
        }

        await using var second = On(folder);
        var restarted = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/balances") { Headers = { { "Cookie", cookie } } };
        var answer = await restarted.SendAsync(request, Token);

        Assert.Equal(1, keysStored);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_without_a_certificate_the_app_does_not_start_and_names_both_settings()
    {
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production",
            Settings = { ["HubEmulator:Enabled"] = "true", ["DataProtection:AllowUnencryptedKeys"] = "false" },
        };

        var refused = Record.Exception(() => app.Server);

        Assert.NotNull(refused);
        Assert.Contains("DataProtection:CertificatePath", refused.ToString());
        Assert.Contains("DataProtection:AllowUnencryptedKeys=true", refused.ToString());
    }

    [Fact]
    public async Task Outside_Development_with_a_certificate_the_keys_in_the_database_are_encrypted_to_it()
    {
        using var folder = new TempFolder();
        var certificate = Path.Combine(folder.Path, "data-protection.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSignedPkcs12("pfx-password"), Token);
        await using var app = new ExchangeAppFactory
        {
            Environment = "Production",
            Settings =
            {
                ["HubEmulator:Enabled"] = "true", ["DataProtection:AllowUnencryptedKeys"] = "false",
                ["DataProtection:CertificatePath"] = certificate, ["DataProtection:CertificatePassword"] = "pfx-password",
            },
        };

        // The login form's antiforgery token is the first thing protected: it makes the first key.
        var form = await app.CreateClient().GetAsync("https://localhost/Identity/Account/Login", Token);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContext();
        var key = await db.DataProtectionKeys.SingleAsync(Token);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("EncryptedData", key.Xml);
        Assert.DoesNotContain("<masterKey", key.Xml);
    }

    private static byte[] SelfSignedPkcs12(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Exchange Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }

    private static async Task<IEnumerable<string>> LoginCookieAsync(ExchangeAppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/Identity/Account/Login", Token);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(Token),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "alice@example.com", ["Input.Password"] = AccountSteps.Password, ["Input.RememberMe"] = "false", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", antiforgery));
        var login = await client.SendAsync(post, Token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
