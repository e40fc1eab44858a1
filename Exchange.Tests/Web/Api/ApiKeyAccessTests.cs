using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Web.Api;

/// <summary>Over HTTP: a key does only what its scopes say, and stops signing in when its owner's security changes, is locked out or deleted.</summary>
[Integration]
public class ApiKeyAccessTests : IAsyncLifetime
{
    private readonly ExchangeAppFactory app = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.CreateAsync("alice@example.com");
        await app.CreateAsync("ops@example.com", isOperator: true);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<T> WithUserAsync<T>(string email, Func<UserManager<ExchangeUser>, ExchangeUser, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>();
        return await act(users, (await users.FindByEmailAsync(email))!);
    }

    private static async Task AssertRefusedForScopeAsync(HttpResponseMessage response, string scope)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal($"This API key lacks the '{scope}' scope; create a key with it to call this endpoint.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_read_key_reads_but_cannot_withdraw_cancel_or_issue_an_address()
    {
        var key = await app.KeyClientAsync("alice@example.com", ApiKeyScopes.Read);

        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
        await AssertRefusedForScopeAsync(await key.PostAsJsonAsync("/api/v1/withdrawals", new { coin = "MIOTA", amount = "1", address = TestAddresses.Payout }, Token), "withdraw");
        await AssertRefusedForScopeAsync(await key.PostAsync("/api/v1/withdrawals/1/cancel", null, Token), "withdraw");
        await AssertRefusedForScopeAsync(await key.PostAsync("/api/v1/deposit-address", null, Token), "withdraw");
    }

    [Fact]
    public async Task A_withdraw_only_key_cannot_read()
    {
        var key = await app.KeyClientAsync("alice@example.com", ApiKeyScopes.Withdraw);

        await AssertRefusedForScopeAsync(await key.GetAsync("/api/v1/history", Token), "read");
    }

    [Fact]
    public async Task An_operator_read_key_reads_the_operator_api_but_cannot_act_and_a_cookie_is_not_limited()
    {
        var key = await app.KeyClientAsync("ops@example.com", ApiKeyScopes.OperatorRead);
        var cookie = await app.LoggedInClientAsync("ops@example.com");

        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/operator/users", Token)).StatusCode);
        await AssertRefusedForScopeAsync(await key.DeleteAsync($"/api/v1/operator/users/{await app.UserIdAsync("alice@example.com")}/withdrawal-lock", Token), "operator:write");
        await AssertRefusedForScopeAsync(await key.GetAsync("/api/v1/balances", Token), "read");
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_revokes_the_users_keys()
    {
        var key = await app.KeyClientAsync("alice@example.com");

        var changed = await WithUserAsync("alice@example.com", (users, user) => users.ChangePasswordAsync(user, AccountSteps.Password, "Another-pass-456"));

        Assert.True(changed.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
        var revoked = Assert.Single(await app.Services.GetRequiredService<ApiKeys>().OfAsync(await app.UserIdAsync("alice@example.com"), Token));
        Assert.Equal(ApiKeys.SecurityChangeReason, revoked.RevokedReason);
    }

    [Fact]
    public async Task Resetting_the_authenticator_revokes_the_users_keys()
    {
        var key = await app.KeyClientAsync("alice@example.com");

        var reset = await WithUserAsync("alice@example.com", (users, user) => users.ResetAuthenticatorKeyAsync(user));

        Assert.True(reset.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_users_key_signs_no_one_in_until_the_lockout_ends()
    {
        var key = await app.KeyClientAsync("alice@example.com");

        await WithUserAsync("alice@example.com", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));
        var locked = await key.GetAsync("/api/v1/balances", Token);
        await WithUserAsync("alice@example.com", (users, user) => users.SetLockoutEndDateAsync(user, null));

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_users_key_signs_no_one_in()
    {
        var key = await app.KeyClientAsync("alice@example.com");

        await WithUserAsync("alice@example.com", (users, user) => users.DeleteAsync(user));

        Assert.Equal(HttpStatusCode.Unauthorized, (await key.GetAsync("/api/v1/balances", Token)).StatusCode);
    }

    [Fact]
    public async Task An_operator_lists_a_users_keys_without_their_secrets_and_revokes_one_only_with_the_current_code_and_an_audit_entry()
    {
        var alice = await app.KeyClientAsync("alice@example.com", ApiKeyScopes.Read);
        var aliceId = await app.UserIdAsync("alice@example.com");
        // Before the key: turning two-factor on revokes the keys made until then.
        var stepUp = await app.SteppedUpAsync("ops@example.com");
        var ops = await app.KeyClientAsync("ops@example.com", ApiKeyScopes.OperatorRead, ApiKeyScopes.OperatorWrite);

        var listed = await ops.GetStringAsync($"/api/v1/operator/users/{aliceId}/api-keys", Token);
        var keyId = JsonDocument.Parse(listed).RootElement[0].GetProperty("id").GetInt64();
        var withoutCode = await ops.DeleteAsync($"/api/v1/operator/users/{aliceId}/api-keys/{keyId}", Token);
        var aliceAfterRefusal = await alice.GetAsync("/api/v1/balances", Token);
        var revoked = await ops.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/operator/users/{aliceId}/api-keys/{keyId}")
        {
            Headers = { { "X-Two-Factor-Code", stepUp.WithCode().TwoFactorCode } },
        }, Token);
        var audit = await ops.GetFromJsonAsync<JsonElement>("/api/v1/operator/audit?action=API key revoked", Token);

        Assert.Contains("\"scopes\":[\"read\"]", listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCode.StatusCode);
        Assert.Equal("Enter the current code from your authenticator app.", (await withoutCode.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, aliceAfterRefusal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/api/v1/balances", Token)).StatusCode);
        Assert.Equal("user alice@example.com", Assert.Single(audit.EnumerateArray()).GetProperty("subject").GetString());
    }
}
