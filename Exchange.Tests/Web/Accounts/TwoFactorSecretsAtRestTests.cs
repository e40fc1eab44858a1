using System.Net;
using Exchange.Core.Data;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Accounts;

/// <summary>
/// Authenticator keys and recovery codes lie encrypted in the database: new ones are written so,
/// and ones written in the clear before are encrypted when the database is prepared, while their
/// owners go on signing in with the same app and codes.
/// </summary>
[Integration]
public sealed class TwoFactorSecretsAtRestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A key and recovery codes as Identity made them (20 random bytes in base32; XXXXX-XXXXX codes).
    private const string LegacyKey = "K5QXM6LSNF2GKZLUOJUWG5DFMVZGK3TB";
    private static readonly string[] LegacyCodes = ["7HQ2M-XK4RB", "P9D3T-WQ6NC"];

    private static async Task<List<IdentityUserToken<string>>> StoredSecretsAsync(ExchangeAppFactory app, string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync(Token);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Token);
        return await db.UserTokens.AsNoTracking().Where(t => t.UserId == userId && t.LoginProvider == TwoFactorSecrets.StoreProvider).OrderBy(t => t.Name).ToListAsync(Token);
    }

    /// <summary>The rows as the store wrote them before it encrypted: the key and the codes in the clear, two-factor on.</summary>
    private static async Task WriteInTheClearAsync(ExchangeAppFactory app, string email)
    {
        var userId = await app.UserIdAsync(email);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ExchangeDbContext>>().CreateDbContextAsync(Token);
        db.UserTokens.AddRange(
            new IdentityUserToken<string> { UserId = userId, LoginProvider = TwoFactorSecrets.StoreProvider, Name = TwoFactorSecrets.AuthenticatorKey, Value = LegacyKey },
            new IdentityUserToken<string> { UserId = userId, LoginProvider = TwoFactorSecrets.StoreProvider, Name = TwoFactorSecrets.RecoveryCodes, Value = string.Join(';', LegacyCodes) });
        await db.SaveChangesAsync(Token);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true), Token);
    }

    private static void AssertEncrypted(IReadOnlyList<IdentityUserToken<string>> stored, string key, IEnumerable<string> codes)
    {
        Assert.Equal([TwoFactorSecrets.AuthenticatorKey, TwoFactorSecrets.RecoveryCodes], stored.Select(t => t.Name));
        Assert.All(stored, t => Assert.StartsWith(TwoFactorSecrets.Marker, t.Value));
        Assert.All(stored, t => Assert.DoesNotContain(key, t.Value!, StringComparison.OrdinalIgnoreCase));
        Assert.All(stored, t => Assert.All(codes, code => Assert.DoesNotContain(code, t.Value!, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData(TestEngine.Sqlite)]
    [InlineData(TestEngine.PostgreSql)]
    public async Task Secrets_written_in_the_clear_are_encrypted_at_start_and_their_owner_still_signs_in_with_them(TestEngine engine)
    {
        await using var store = await TestStore.CreateAsync(engine);
        await using (var before = new ExchangeAppFactory { Store = store })
        {
            await before.CreateAsync("legacy@example.com");
            await WriteInTheClearAsync(before, "legacy@example.com");
        }

        await using var after = new ExchangeAppFactory { Store = store };
        var client = after.FormClient();
        Assert.Contains("LoginWith2fa", (await client.PostLoginAsync("legacy@example.com", AccountSteps.Password)).Headers.Location!.OriginalString);
        var signedIn = await client.PostTwoFactorCodeAsync(Totp.Next(LegacyKey));

        AssertEncrypted(await StoredSecretsAsync(after, "legacy@example.com"), LegacyKey, LegacyCodes);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        var recovered = after.FormClient();
        await recovered.PostLoginAsync("legacy@example.com", AccountSteps.Password);
        var withCode = await recovered.PostFormAsync("/Identity/Account/LoginWithRecoveryCode?returnUrl=%2F", new() { ["Input.RecoveryCode"] = LegacyCodes[1] });
        Assert.Equal("/", withCode.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Preparing_the_database_again_leaves_encrypted_secrets_as_they_are()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.Sqlite);
        List<IdentityUserToken<string>> first;
        await using (var before = new ExchangeAppFactory { Store = store })
        {
            await before.CreateAsync("twice@example.com");
            await WriteInTheClearAsync(before, "twice@example.com");
        }
        await using (var once = new ExchangeAppFactory { Store = store })
            first = await StoredSecretsAsync(once, "twice@example.com");

        await using var again = new ExchangeAppFactory { Store = store };

        Assert.All(first, t => Assert.StartsWith(TwoFactorSecrets.Marker, t.Value));
        Assert.Equal(first.Select(t => t.Value), (await StoredSecretsAsync(again, "twice@example.com")).Select(t => t.Value));
        await using var scope = again.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Exchange.Core.Accounts.ExchangeUser>>();
        Assert.Equal(LegacyKey, await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync("twice@example.com"))!));
    }

    [Fact]
    public async Task A_key_and_codes_set_up_now_are_stored_encrypted_and_read_back_by_another_node()
    {
        await using var store = await TestStore.CreateAsync(TestEngine.Sqlite);
        await using var nodeA = new ExchangeAppFactory { Store = store };
        await nodeA.CreateAsync("fresh@example.com");
        var key = await nodeA.EnableTwoFactorAsync("fresh@example.com");
        List<string> codes;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Exchange.Core.Accounts.ExchangeUser>>();
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync("fresh@example.com"))!, 10))!];
        }

        await using var nodeB = new ExchangeAppFactory { Store = store };
        var client = nodeB.FormClient();
        await client.PostLoginAsync("fresh@example.com", AccountSteps.Password);
        var signedIn = await client.PostTwoFactorCodeAsync(Totp.Next(key));

        AssertEncrypted(await StoredSecretsAsync(nodeA, "fresh@example.com"), key, codes);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }
}
