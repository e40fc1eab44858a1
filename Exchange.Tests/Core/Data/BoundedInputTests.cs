using Exchange.Core;
using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.HotWallet;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.Data;

/// <summary>
/// The longest input each of Core's actions takes is accepted and stored within the columns' lengths
/// (read from the model: SQLite ignores them, SQL Server refuses what does not fit); one character
/// more is refused with a message and changes nothing.
/// </summary>
[Integration]
public class BoundedInputTests : IAsyncLifetime
{
    private const string Ann = "user-ann";
    private CoreDatabase core = null!;
    private SteppedUpOperator op = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static string TooLongReason => $"A reason can be at most {Limits.OperatorReason} characters.";

    public async ValueTask InitializeAsync()
    {
        core = await CoreDatabase.CreateAsync();
        op = await core.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        await core.AddUserAsync(Ann, await LongestEmailAsync());
        await core.FundAsync(Ann, 500_000_000);
    }

    public ValueTask DisposeAsync() => core.DisposeAsync();

    private async Task<string> LongestEmailAsync()
    {
        var max = await MaxLengthAsync<ExchangeUser>(nameof(ExchangeUser.Email));
        return new string('a', max - "@example.com".Length) + "@example.com";
    }

    private async Task<int> MaxLengthAsync<T>(string property)
    {
        await using var db = core.NewContext();
        return db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength()
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not bounded.");
    }

    private async Task AssertFitsAsync<T>(string property, string? stored)
    {
        Assert.NotNull(stored);
        Assert.InRange(stored.Length, 1, await MaxLengthAsync<T>(property));
    }

    private static string Text(int length) => string.Concat(Enumerable.Repeat("Checked by phone. ", length / 18 + 1))[..(length - 1)] + ".";

    private async Task<(int Ledger, int Audit, string? Lock)> FootprintAsync()
    {
        await using var db = core.NewContext();
        return (await db.LedgerEntries.CountAsync(Token), await db.AuditLog.CountAsync(Token),
            await db.Users.Where(u => u.Id == Ann).Select(u => u.WithdrawalsLockedReason).SingleAsync(Token));
    }

    private async Task AssertEveryAuditEntryFitsAsync()
    {
        foreach (var e in await core.AuditAsync())
        {
            await AssertFitsAsync<AuditEntry>(nameof(AuditEntry.Subject), e.Subject);
            await AssertFitsAsync<AuditEntry>(nameof(AuditEntry.OperatorEmail), e.OperatorEmail);
            await AssertFitsAsync<AuditEntry>(nameof(AuditEntry.Before), e.Before);
            await AssertFitsAsync<AuditEntry>(nameof(AuditEntry.After), e.After);
            await AssertFitsAsync<AuditEntry>(nameof(AuditEntry.Reason), e.Reason);
        }
    }

    [Fact]
    public async Task A_user_with_the_longest_email_can_be_adjusted_and_locked_with_the_longest_reasons()
    {
        var reason = Text(Limits.OperatorReason);

        var adjusted = await core.Get<UserAdministration>().AdjustAsync(new ManualAdjustment(Operator, Ann, CoinSymbols.Iota, AdjustmentDirection.Credit, "1", reason, op.WithCode().TwoFactorCode), Token);
        var locked = await core.Get<UserAdministration>().LockWithdrawalsAsync(op.WithCode(), Ann, reason, Token);

        Assert.True(adjusted.Succeeded, adjusted.Message);
        Assert.True(locked.Succeeded, locked.Message);
        await AssertFitsAsync<LedgerEntry>(nameof(LedgerEntry.Reason), (await core.EntriesAsync(Ann)).Last().Reason);
        await AssertFitsAsync<ExchangeUser>(nameof(ExchangeUser.WithdrawalsLockedReason), (await FootprintAsync()).Lock);
        Assert.Equal(2, (await core.AuditAsync()).Count);
        Assert.StartsWith("user aaaa", (await core.AuditAsync())[0].Subject, StringComparison.Ordinal);
        await AssertEveryAuditEntryFitsAsync();
    }

    [Fact]
    public async Task The_longest_reasons_reject_and_approve_withdrawals_and_fit_where_they_are_stored()
    {
        var reason = Text(Limits.OperatorReason);
        var small = await core.RequestWithdrawalAsync(Ann, "5");
        var large = await core.RequestWithdrawalAsync(Ann, "150");

        var rejected = await core.Get<OperatorWithdrawalCommands>().RejectAsync(small, op.WithCode(), reason, Token);
        var approved = await core.Get<OperatorWithdrawalCommands>().ApproveAsync(large, op.WithCode(), reason, Token);

        Assert.True(rejected.Succeeded);
        Assert.True(approved.Succeeded);
        var stored = await core.WithdrawalAsync(small);
        Assert.Equal($"Rejected by an operator: {reason}", stored.Reason);
        await AssertFitsAsync<Withdrawal>(nameof(Withdrawal.Reason), stored.Reason);
        await AssertFitsAsync<LedgerEntry>(nameof(LedgerEntry.Reason), (await core.EntriesAsync(Ann)).Single(e => e.Kind == LedgerEntryKind.WithdrawalRefund).Reason);
        await AssertEveryAuditEntryFitsAsync();
    }

    [Fact]
    public async Task A_reason_one_character_too_long_is_refused_with_the_limit_and_changes_nothing()
    {
        var reason = Text(Limits.OperatorReason + 1);
        var withdrawal = await core.RequestWithdrawalAsync(Ann, "150");
        var before = await FootprintAsync();
        var admin = core.Get<UserAdministration>();
        var withdrawals = core.Get<OperatorWithdrawalCommands>();

        var adjusted = await admin.AdjustAsync(new ManualAdjustment(Operator, Ann, CoinSymbols.Iota, AdjustmentDirection.Credit, "1", reason, op.WithCode().TwoFactorCode), Token);
        var locked = await admin.LockWithdrawalsAsync(op.WithCode(), Ann, reason, Token);
        var rejected = await withdrawals.RejectAsync(withdrawal, op.WithCode(), reason, Token);
        var approved = await withdrawals.ApproveAsync(withdrawal, op.WithCode(), reason, Token);
        var sent = await core.Get<HotWalletService>().SendToColdStorageAsync(new ColdStorageSend(Operator, "1", TestAddresses.Payout, reason, op.WithCode().TwoFactorCode), Token);

        Assert.Equal([TooLongReason, TooLongReason, TooLongReason], new[] { adjusted.Message, locked.Message, sent.Message });
        Assert.Equal(TooLongReason, Assert.Single(rejected.Problems).Message);
        Assert.Equal(TooLongReason, Assert.Single(approved.Problems).Message);
        Assert.Equal(before, await FootprintAsync());
        Assert.Equal(WithdrawalState.AwaitingApproval, (await core.WithdrawalAsync(withdrawal)).State);
        await using var db = core.NewContext();
        Assert.Empty(await db.HotWalletTransfers.ToListAsync(Token));
    }

    [Fact]
    public async Task An_api_key_takes_the_longest_name_and_one_character_more_is_refused_with_the_limit()
    {
        var keys = core.Get<ApiKeys>();
        var longest = new string('k', Limits.ApiKeyName);

        var created = await keys.CreateAsync(new ApiKeyRequest(Ann, longest, [ApiKeyScopes.Read]), Token);
        var refused = await keys.CreateAsync(new ApiKeyRequest(Ann, longest + "k", [ApiKeyScopes.Read]), Token);

        await AssertFitsAsync<ApiKey>(nameof(ApiKey.Name), created.Key!.Name);
        Assert.Equal($"A key name can be at most {Limits.ApiKeyName} characters.", refused.Problem);
        Assert.Single(await keys.OfAsync(Ann, Token));
    }
}
