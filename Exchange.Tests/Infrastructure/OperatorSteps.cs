using Exchange.Core.Accounts;
using Exchange.Core.Audit;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Core.Withdrawals;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.Infrastructure;

/// <summary>Small steps the operator tests share: people with logins, balances, the audit log, withdrawals.</summary>
internal static class OperatorSteps
{
    public const string Operator = "op-1";
    public const string OperatorEmail = "ops@example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A login row as Identity would write it; the id is what Core's services take.</summary>
    public static async Task AddUserAsync(this CoreDatabase core, string id, string email)
    {
        await using var db = core.NewContext();
        db.Users.Add(new ExchangeUser
        {
            Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(),
        });
        await db.SaveChangesAsync(Token);
    }

    /// <summary>Turns two-factor authentication on for a user added with <see cref="AddUserAsync"/>; the key is for <see cref="Totp.Next"/> with <c>core.Time</c>.</summary>
    public static async Task<string> EnableTwoFactorAsync(this CoreDatabase core, string userId)
    {
        await using var scope = core.Services.CreateAsyncScope();
        var email = await scope.ServiceProvider.GetRequiredService<UserManager<ExchangeUser>>().Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(Token);
        return await TwoFactorSteps.EnableAsync(scope.ServiceProvider, email!);
    }

    /// <summary>An operator with two-factor on (added first when there is no such user), who gives a fresh code with every action.</summary>
    public static async Task<SteppedUpOperator> OperatorWithTwoFactorAsync(this CoreDatabase core, string id = Operator, string? email = null)
    {
        await using (var db = core.NewContext())
            if (!await db.Users.AnyAsync(u => u.Id == id, Token))
                await core.AddUserAsync(id, email ?? $"{id}@ops.example");
        return new SteppedUpOperator(id, await core.EnableTwoFactorAsync(id), core.Time);
    }

    public static async Task FundAsync(this CoreDatabase core, string userId, long iotas, string key = "seed")
    {
        var posted = await core.Get<LedgerService>().ApplyAsync(LedgerChange.Deposit(userId, CoinSymbols.Iota, iotas, "bundle", $"{key}:{userId}"), Token);
        Assert.True(posted.Succeeded, posted.Message);
    }

    public static async Task<(long Available, long Reserved)> BalanceAsync(this CoreDatabase core, string userId)
    {
        var account = (await core.Get<LedgerService>().AccountsOfAsync(userId, Token)).SingleOrDefault(a => a.Coin == CoinSymbols.Iota);
        return (account?.Available ?? 0, account?.Reserved ?? 0);
    }

    public static async Task<List<AuditEntry>> AuditAsync(this CoreDatabase core)
    {
        await using var db = core.NewContext();
        return await db.AuditLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token);
    }

    public static async Task<List<LedgerEntry>> EntriesAsync(this CoreDatabase core, string userId)
    {
        await using var db = core.NewContext();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id).ToListAsync(Token);
    }

    public static async Task<List<Withdrawal>> WithdrawalsAsync(this CoreDatabase core)
    {
        await using var db = core.NewContext();
        return await db.Withdrawals.AsNoTracking().OrderBy(w => w.Id).ToListAsync(Token);
    }

    public static async Task<Withdrawal> WithdrawalAsync(this CoreDatabase core, long id) =>
        (await core.Get<WithdrawalQueries>().FindAsync(id, Token))!;

    public static async Task<long> RequestWithdrawalAsync(this CoreDatabase core, string userId, string amount, string address = TestAddresses.Payout, string? twoFactorCode = null)
    {
        var result = await core.Get<UserWithdrawalCommands>().RequestAsync(new WithdrawalRequest(userId, CoinSymbols.Iota, amount, address, twoFactorCode), Token);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Withdrawal!.Id;
    }
}

/// <summary>An operator with two-factor on; <see cref="WithCode"/> is what one action of theirs carries (each a code not used before).</summary>
internal sealed class SteppedUpOperator(string id, string key, TimeProvider clock)
{
    public string Id => id;
    public string Key => key;

    public OperatorCredentials WithCode() => new(id, Totp.Next(key, clock));
}
