using Exchange.Core.AccountFreeze;
using Exchange.Core.Accounts;
using Exchange.Core.AddressBook;
using Exchange.Core.Coins;
using Exchange.Core.Notices;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.AccountFreeze;

/// <summary>
/// "This wasn't me": every security mail, and the mail of a withdrawal requested, carries a link of
/// its own; following it once, in time, freezes the account in one transaction (withdrawals locked
/// with the operators' lock, every sign-in ended, every API key revoked, the operators told). A used,
/// expired or forged link changes nothing. An operator lifts the freeze with the step-up code.
/// </summary>
[Integration]
public class AccountFreezeTests : IAsyncLifetime
{
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private const string Ann = "user-ann";
    private const string AnnEmail = "ann@example.com";

    private EmulatorHost hub = null!;
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private AccountFreezes Freezes => core.Get<AccountFreezes>();

    public async ValueTask InitializeAsync()
    {
        hub = await EmulatorHost.StartAsync();
        core = await CoreDatabase.CreateAsync(hub: hub.BaseAddress, engine: Engine);
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await using (var db = core.NewContext())
        {
            var role = new IdentityRole(Roles.Operator) { NormalizedName = Roles.Operator.ToUpperInvariant() };
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = Operator, RoleId = role.Id });
            await db.SaveChangesAsync(Token);
        }
        await core.AddUserAsync(Ann, AnnEmail);
        await core.FundAsync(Ann, 500_000_000);
    }

    public async ValueTask DisposeAsync()
    {
        await core.DisposeAsync();
        await hub.DisposeAsync();
    }

    /// <summary>A new read key (its notice is a security mail) and the secret; the mail's "This wasn't me" token.</summary>
    private async Task<(string Secret, string FreezeToken)> KeyAndItsFreezeLinkAsync()
    {
        var created = await core.Get<ApiKeys>().CreateAsync(new ApiKeyRequest(Ann, "bot", [ApiKeyScopes.Read]), Token);
        var mail = (await core.MailsAfterDispatchAsync(AnnEmail)).Last(m => m.Kind == NoticeTypes.ApiKeyCreated.Name);
        return (created.Secret!, MailedLinks.TokenOf(mail.Link(AccountFreezes.PagePath)));
    }

    private async Task<ExchangeUser> AnnAsync()
    {
        await using var db = core.NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == Ann, Token);
    }

    private Task<WithdrawalResult> WithdrawAsync() =>
        core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(Ann, CoinSymbols.Iota, "1", TestAddresses.Payout), Token);

    [Fact]
    public async Task Every_security_mail_and_the_mail_of_a_withdrawal_requested_carry_a_this_wasnt_me_link_of_their_own()
    {
        await core.Get<NoticePreferences>().SaveAsync(Ann, NoticeTypes.WithdrawalRequested.Name, inApp: true, email: true, Token);
        await core.Get<ApiKeys>().CreateAsync(new ApiKeyRequest(Ann, "bot", [ApiKeyScopes.Read]), Token);
        await core.Get<WithdrawalAddressBook>().AddAsync(new AddressBookAddition(Ann, CoinSymbols.Iota, TestAddresses.OtherPayout, "Ledger"), Token);
        Assert.True((await WithdrawAsync()).Succeeded);
        await using (var db = core.NewContext())
        {
            var now = core.Time.GetUtcNow().UtcDateTime;
            NoticeLog.Add(db, NoticeTypes.SignInNewDevice, Ann, new NoticeData().With("address", "203.0.113.9"), now);
            NoticeLog.Add(db, NoticeTypes.EmailChanged, Ann, new NoticeData().With("previousEmail", "ann.old@example.com").With("email", AnnEmail), now);
            NoticeLog.Add(db, NoticeTypes.DepositCredited, Ann, new NoticeData().With("amount", 1_000_000).With("coin", CoinSymbols.Iota), now);
            await db.SaveChangesAsync(Token);
        }

        var mails = await core.MailsAfterDispatchAsync(AnnEmail);
        await using var check = core.NewContext();
        var oldAddress = await check.OutboundEmails.AsNoTracking().SingleAsync(m => m.To == "ann.old@example.com", Token);

        var withLink = mails.Where(m => m.Kind != NoticeTypes.DepositCredited.Name).Append(oldAddress).ToList();
        Assert.Equal(
            ["address_book.changed", "api_key.created", "security.email_changed", "security.email_changed", "security.sign_in_new_device", "withdrawal.requested"],
            withLink.Select(m => m.Kind).Order());
        var tokens = withLink.Select(m => MailedLinks.TokenOf(m.Link(AccountFreezes.PagePath))).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.All(withLink, m => Assert.Contains("This wasn't me", m.TextBody, StringComparison.Ordinal));
        Assert.DoesNotContain(AccountFreezes.PagePath, Assert.Single(mails, m => m.Kind == NoticeTypes.DepositCredited.Name).HtmlBody, StringComparison.Ordinal);
        var stored = await check.LinkTokens.AsNoTracking().Where(l => l.Purpose == LinkPurpose.Freeze && l.UserId == Ann).Select(l => l.Hash).ToListAsync(Token);
        Assert.Equal(tokens.Select(LinkToken.HashOf).Order(), stored.Order());
    }

    [Fact]
    public async Task This_wasnt_me_locks_withdrawals_ends_every_sign_in_revokes_every_key_and_tells_the_operators()
    {
        var (secret, token) = await KeyAndItsFreezeLinkAsync();
        var before = await AnnAsync();

        var frozen = await Freezes.FreezeAsync(token, Token);

        Assert.Equal((LinkState.Valid, AnnEmail), (frozen.Link.State, frozen.Email));
        var after = await AnnAsync();
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.StartsWith("Frozen by the account's owner (“This wasn't me” in a security mail) on 2026-11-24 12:00 UTC.", after.WithdrawalsLockedReason);
        Assert.True((await core.Get<UserDirectory>().FindAsync(Ann, Token))!.WithdrawalsLocked);
        Assert.Null(await core.Get<ApiKeys>().HolderOfAsync(secret, Token));
        Assert.Equal(AccountFreezes.KeysRevoked, Assert.Single(await core.Get<ApiKeys>().OfAsync(Ann, Token)).RevokedReason);
        Assert.StartsWith("Withdrawals are locked on your account: Frozen by the account's owner", Assert.Single((await WithdrawAsync()).Problems).Message);

        var operatorMail = Assert.Single(await core.MailsAfterDispatchAsync(OperatorEmail));
        Assert.Equal(NoticeTypes.UserFrozen.Name, operatorMail.Kind);
        Assert.Contains($"{AnnEmail} pressed “This wasn't me” in the mail “API key created”", operatorMail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith($"/operator/users/{Ann}", operatorMail.Link("/operator/users/"));
        Assert.Single(await core.MailsAfterDispatchAsync(AnnEmail), m => m.Kind == NoticeTypes.AccountFrozen.Name);
    }

    [Fact]
    public async Task An_approved_withdrawal_not_yet_sent_is_held_by_the_freeze()
    {
        var approved = (await WithdrawAsync()).Withdrawal!;
        Assert.Equal(WithdrawalState.Approved, approved.State);
        var (_, token) = await KeyAndItsFreezeLinkAsync();

        await Freezes.FreezeAsync(token, Token);

        await using var db = core.NewContext();
        Assert.Contains(Ann, await db.Users.LockedUserIds().ToListAsync(Token));
        Assert.Equal(WithdrawalState.Approved, (await core.WithdrawalAsync(approved.Id)).State);
    }

    [Fact]
    public async Task A_freeze_link_works_once()
    {
        var (_, token) = await KeyAndItsFreezeLinkAsync();
        await Freezes.FreezeAsync(token, Token);
        var stamp = (await AnnAsync()).SecurityStamp;

        var again = await Freezes.FreezeAsync(token, Token);

        Assert.Equal(LinkState.Used, again.Link.State);
        Assert.Equal(LinkState.Used, (await Freezes.CheckAsync(token, Token)).Link.State);
        Assert.Equal(stamp, (await AnnAsync()).SecurityStamp);
        await using var db = core.NewContext();
        Assert.Equal(1, await db.Notices.CountAsync(n => n.Type == NoticeTypes.UserFrozen.Name, Token));
    }

    [Fact]
    public async Task An_expired_freeze_link_changes_nothing()
    {
        var (secret, token) = await KeyAndItsFreezeLinkAsync();
        var before = await AnnAsync();
        core.Time.Advance(TimeSpan.FromDays(7));

        var late = await Freezes.FreezeAsync(token, Token);

        Assert.Equal(LinkState.Expired, late.Link.State);
        AssertUnchanged(before, await AnnAsync());
        Assert.NotNull(await core.Get<ApiKeys>().HolderOfAsync(secret, Token));
    }

    [Fact]
    public async Task A_forged_freeze_link_or_a_link_of_another_kind_changes_nothing()
    {
        var (secret, token) = await KeyAndItsFreezeLinkAsync();
        await core.Get<WithdrawalAddressBook>().AddAsync(new AddressBookAddition(Ann, CoinSymbols.Iota, TestAddresses.OtherPayout, "Ledger"), Token);
        var confirmLink = (await core.MailsAfterDispatchAsync(AnnEmail)).Last().Link(AddressConfirmations.PagePath);
        var before = await AnnAsync();

        string?[] forged = [LinkToken.Issue(LinkPurpose.Freeze, Ann, null, core.Time.GetUtcNow().UtcDateTime, TimeSpan.FromDays(1)).Token,
            token[..^2], MailedLinks.TokenOf(confirmLink), "not-a-token", null];
        foreach (var attempt in forged)
            Assert.Equal(LinkState.Unknown, (await Freezes.FreezeAsync(attempt, Token)).Link.State);

        AssertUnchanged(before, await AnnAsync());
        Assert.NotNull(await core.Get<ApiKeys>().HolderOfAsync(secret, Token));
    }

    [Fact]
    public async Task An_operator_lifts_the_freeze_with_the_step_up_code_and_it_is_audited()
    {
        var (_, token) = await KeyAndItsFreezeLinkAsync();
        await Freezes.FreezeAsync(token, Token);
        var admin = core.Get<UserAdministration>();

        var withoutCode = await admin.UnlockWithdrawalsAsync(new OperatorCredentials(Operator, null), Ann, Token);
        Assert.True(withoutCode.NeedsStepUp);
        Assert.True((await core.Get<UserDirectory>().FindAsync(Ann, Token))!.WithdrawalsLocked);

        var unlocked = await admin.UnlockWithdrawalsAsync(op.WithCode(), Ann, Token);

        Assert.True(unlocked.Succeeded);
        Assert.True((await WithdrawAsync()).Succeeded);
        var entry = (await core.AuditAsync()).Last();
        Assert.Equal(("Withdrawals unlocked", $"user {AnnEmail}", "unlocked"), (entry.Action, entry.Subject, entry.After));
        Assert.StartsWith("locked: Frozen by the account's owner", entry.Before);
    }

    private static void AssertUnchanged(ExchangeUser before, ExchangeUser after)
    {
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Null(after.WithdrawalsLockedReason);
    }
}

public sealed class AccountFreezeOnPostgreSqlTests : AccountFreezeTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
