using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Accounts;

/// <summary>What a new key may do is chosen, bounded by who asks, and a key that can move money needs the current two-factor code.</summary>
[Integration]
public class ApiKeyRulesTests : IAsyncLifetime
{
    private const string Ann = "user-ann";
    private CoreDatabase core = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private ApiKeys Keys => core.Get<ApiKeys>();

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        await core.AddUserAsync(Ann, "ann@example.com");
        await core.AddUserAsync(Operator, OperatorEmail);
        await using var db = core.NewContext();
        db.Roles.Add(new IdentityRole(Roles.Operator) { Id = "role-op", NormalizedName = Roles.Operator.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = Operator, RoleId = "role-op" });
        await db.SaveChangesAsync(Token);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private Task<ApiKeyCreation> CreateAsync(string user, string[] scopes, DateOnly? expiresOn = null, string? code = null, string? name = "bot") =>
        Keys.CreateAsync(new ApiKeyRequest(user, name, scopes, expiresOn, code), Token);

    [Fact]
    public async Task A_key_needs_a_name_and_known_scopes()
    {
        var nameless = await CreateAsync(Ann, [ApiKeyScopes.Read], name: " ");
        var scopeless = await CreateAsync(Ann, []);
        var unknown = await CreateAsync(Ann, ["admin"]);

        Assert.Contains("Give the key a name", nameless.Problem);
        Assert.Equal("Choose at least one scope: read, withdraw, webhooks, operator:read, operator:write.", scopeless.Problem);
        Assert.Equal("Unknown scope 'admin'. Scopes: read, withdraw, webhooks, operator:read, operator:write.", unknown.Problem);
        Assert.Empty(await Keys.OfAsync(Ann, Token));
    }

    [Fact]
    public async Task A_read_key_needs_no_code_and_keeps_its_scopes()
    {
        var created = await CreateAsync(Ann, [ApiKeyScopes.Read]);

        Assert.True(created.Succeeded, created.Problem);
        Assert.Equal([ApiKeyScopes.Read], (await Keys.HolderOfAsync(created.Secret!, Token))!.Scopes);
        Assert.Equal([ApiKeyScopes.Read], Assert.Single(await Keys.OfAsync(Ann, Token)).ScopeList);
    }

    [Fact]
    public async Task Only_operators_get_operator_scopes()
    {
        var user = await CreateAsync(Ann, [ApiKeyScopes.OperatorRead]);
        var op = await CreateAsync(Operator, [ApiKeyScopes.OperatorRead]);

        Assert.Equal("Only operators can create keys with operator scopes.", user.Problem);
        Assert.True(op.Succeeded, op.Problem);
    }

    [Theory]
    [InlineData(Ann, ApiKeyScopes.Withdraw)]
    [InlineData(Operator, ApiKeyScopes.OperatorWrite)]
    public async Task A_key_that_can_withdraw_or_act_as_operator_needs_two_factor_on_and_the_current_code(string user, string scope)
    {
        var without2fa = await CreateAsync(user, [ApiKeyScopes.Read, scope]);
        var key = await core.EnableTwoFactorAsync(user);
        var noCode = await CreateAsync(user, [scope]);
        var wrongCode = await CreateAsync(user, [scope], code: "000000");
        var rightCode = await CreateAsync(user, [scope], code: Totp.Next(key, core.Time));

        Assert.Equal("A key that can withdraw or act as an operator needs two-factor authentication: turn it on first.", without2fa.Problem);
        Assert.Equal("Enter the current code from your authenticator app.", noCode.Problem);
        Assert.Contains("not right", wrongCode.Problem);
        Assert.True(rightCode.Succeeded, rightCode.Problem);
        Assert.Equal([scope], Assert.Single(await Keys.OfAsync(user, Token)).ScopeList);
    }

    [Fact]
    public async Task A_key_works_through_its_last_day_and_signs_no_one_in_after_it()
    {
        var today = DateOnly.FromDateTime(core.Time.GetUtcNow().UtcDateTime);
        var past = await CreateAsync(Ann, [ApiKeyScopes.Read], today.AddDays(-1));
        var created = await CreateAsync(Ann, [ApiKeyScopes.Read], today);

        var onTheDay = await Keys.HolderOfAsync(created.Secret!, Token);
        core.Time.Advance(TimeSpan.FromDays(1));
        var after = await Keys.HolderOfAsync(created.Secret!, Token);

        Assert.Equal("The expiry date is in the past; choose today or a later day.", past.Problem);
        Assert.Equal(today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), created.Key!.ExpiresAt);
        Assert.NotNull(onTheDay);
        Assert.Null(after);
    }

    [Fact]
    public async Task An_operator_revokes_a_users_key_once_and_only_with_the_current_code_and_the_audit_log_says_so()
    {
        var op = await core.OperatorWithTwoFactorAsync(Operator);
        var created = await CreateAsync(Ann, [ApiKeyScopes.Read]);

        var withoutCode = await Keys.RevokeForOperatorAsync(new OperatorCredentials(Operator, null), Ann, created.Key!.Id, Token);
        var stillLive = await Keys.HolderOfAsync(created.Secret!, Token);
        var revoked = await Keys.RevokeForOperatorAsync(op.WithCode(), Ann, created.Key.Id, Token);
        var again = await Keys.RevokeForOperatorAsync(op.WithCode(), Ann, created.Key.Id, Token);
        var notTheirs = await Keys.RevokeForOperatorAsync(op.WithCode(), "user-bob", created.Key.Id, Token);

        Assert.Equal((true, "Enter the current code from your authenticator app."), (withoutCode.NeedsStepUp, withoutCode.Message));
        Assert.NotNull(stillLive);
        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.False(again.Succeeded);
        Assert.False(notTheirs.Succeeded);
        Assert.Null(await Keys.HolderOfAsync(created.Secret!, Token));
        var entry = Assert.Single(await core.AuditAsync());
        Assert.Equal(("API key revoked", "user ann@example.com", OperatorEmail), (entry.Action, entry.Subject, entry.OperatorEmail));
        Assert.Equal("Revoked by an operator.", Assert.Single(await Keys.OfAsync(Ann, Token)).RevokedReason);
    }
}
