using Bunit;
using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Operator.Users;
using Microsoft.AspNetCore.Components;

namespace Exchange.Tests.Web.Operator;

/// <summary>The lock panel over the real Core and database: the reason field carries the limit, the longest reason fits its column, one more character is refused.</summary>
public class BoundedReasonPanelTests : CoreComponentTest
{
    private string email = "";
    private string opsKey = "";

    protected override async Task SeedAsync()
    {
        await using var db = Core.NewContext();
        var max = db.Model.FindEntityType(typeof(ExchangeUser))!.FindProperty(nameof(ExchangeUser.Email))!.GetMaxLength()!.Value;
        email = new string('a', max - "@example.com".Length) + "@example.com";
        db.Users.Add(new ExchangeUser { Id = "alice", UserName = email, Email = email });
        await db.SaveChangesAsync(Token);
        opsKey = await Core.AddOperatorAsync("ops-1", "ops@example.com");
    }

    private async Task<IRenderedComponent<WithdrawalLockPanel>> RenderPanelAsync()
    {
        var user = (await Core.Get<UserDirectory>().FindAsync("alice", Token))!;
        return Render<WithdrawalLockPanel>(p => p.Add(c => c.User, user).Add(c => c.OperatorId, "ops-1"));
    }

    private async Task LockWithAsync(IRenderedComponent<WithdrawalLockPanel> panel, string reason)
    {
        await panel.Find("input").ChangeAsync(new ChangeEventArgs { Value = reason });
        await panel.FindAll("input")[1].InputAsync(new ChangeEventArgs { Value = Core.Code(opsKey) });
        await panel.FindAll("button").Single(b => b.TextContent.Trim() == "Lock withdrawals").ClickAsync(new());
    }

    [Fact]
    public async Task One_character_over_the_limit_is_refused_with_the_limit_and_nothing_is_locked()
    {
        var panel = await RenderPanelAsync();

        await LockWithAsync(panel, new string('r', Limits.OperatorReason + 1));

        Assert.Equal(Limits.OperatorReason.ToString(), panel.Find("input").GetAttribute("maxlength"));
        panel.WaitForAssertion(() => Assert.Equal($"A reason can be at most {Limits.OperatorReason} characters.", panel.Find("[data-field='lock-message']").TextContent.Trim()));
        Assert.False((await Core.Get<UserDirectory>().FindAsync("alice", Token))!.WithdrawalsLocked);
        Assert.Empty(await Core.AuditAsync());
    }

    [Fact]
    public async Task The_longest_reason_locks_a_user_with_the_longest_email_and_both_fit_their_columns()
    {
        var panel = await RenderPanelAsync();

        await LockWithAsync(panel, new string('r', Limits.OperatorReason));

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-field='lock-message']")));
        await using var db = Core.NewContext();
        var audit = db.Model.FindEntityType(typeof(Exchange.Core.Audit.AuditEntry))!;
        var entry = Assert.Single(await Core.AuditAsync());
        Assert.Equal($"user {email}", entry.Subject);
        Assert.InRange(entry.Subject.Length, 1, audit.FindProperty(nameof(entry.Subject))!.GetMaxLength()!.Value);
        Assert.InRange(entry.After!.Length, 1, audit.FindProperty(nameof(entry.After))!.GetMaxLength()!.Value);
        Assert.True((await Core.Get<UserDirectory>().FindAsync("alice", Token))!.WithdrawalsLocked);
    }
}
