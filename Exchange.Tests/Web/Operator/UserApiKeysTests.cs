using Bunit;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Users;
using Microsoft.AspNetCore.Components;

namespace Exchange.Tests.Web.Operator;

/// <summary>A user's keys on the operator's user page: revoking one takes the operator's current code, and is audited.</summary>
public class UserApiKeysTests : CoreComponentTest
{
    private const string Ann = "user-ann";
    private string key = "";
    private string secret = "";

    protected override async Task SeedAsync()
    {
        key = await Core.AddOperatorAsync(OperatorSteps.Operator, OperatorSteps.OperatorEmail);
        await Core.AddUserAsync(Ann, "ann@example.com");
        secret = (await Core.Get<ApiKeys>().CreateAsync(new ApiKeyRequest(Ann, "reporting", [ApiKeyScopes.Read]), Token)).Secret!;
    }

    private static string Message(IRenderedComponent<UserApiKeys> keys) => keys.Find("[data-field='key-message']").TextContent.Trim();

    [Fact]
    public async Task Revoke_without_the_code_leaves_the_key_working_and_with_the_code_revokes_it_with_an_audit_entry()
    {
        var keys = Render<UserApiKeys>(p => p.Add(k => k.UserId, Ann).Add(k => k.OperatorId, OperatorSteps.Operator));

        await keys.Find("[data-field='user-api-keys'] button").ClickAsync(new());

        Assert.NotNull(await Core.Get<ApiKeys>().HolderOfAsync(secret, Token));
        Assert.Empty(await Core.AuditAsync());
        keys.WaitForAssertion(() => Assert.Equal("Enter the current code from your authenticator app.", Message(keys)));

        await keys.Find("input[data-field='step-up-code']").InputAsync(new ChangeEventArgs { Value = Core.Code(key) });
        await keys.Find("[data-field='user-api-keys'] button").ClickAsync(new());

        keys.WaitForAssertion(() => Assert.Equal("The key 'reporting' is revoked.", Message(keys)));
        Assert.Empty(keys.FindAll("[data-field='user-api-keys'] button"));
        Assert.Null(await Core.Get<ApiKeys>().HolderOfAsync(secret, Token));
        var entry = Assert.Single(await Core.AuditAsync());
        Assert.Equal(("API key revoked", "user ann@example.com"), (entry.Action, entry.Subject));
    }
}
