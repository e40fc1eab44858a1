using Exchange.Core.Accounts;
using Exchange.Core.Approvals;
using Exchange.Core.Coins;
using Exchange.Core.HotWallet;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Infrastructure;

/// <summary>Two operators with two-factor on, and the four-eyes steps the operator tests share.</summary>
internal static class ApprovalSteps
{
    public const string Second = "op-2";
    public const string SecondEmail = "second@example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An operator login with two-factor on; the key gives codes through <see cref="Code"/>.</summary>
    public static async Task<string> AddOperatorAsync(this CoreDatabase core, string id, string email)
    {
        await core.AddUserAsync(id, email);
        return await core.EnableTwoFactorAsync(id);
    }

    public static string Code(this CoreDatabase core, string key) => Totp.Next(key, core.Time);

    /// <summary>Prices the coin at <paramref name="usd"/> in the database, as an operator would set it.</summary>
    public static async Task PriceAsync(this CoreDatabase core, string symbol, decimal usd)
    {
        await using (var db = core.NewContext())
            await db.Coins.Where(c => c.Symbol == symbol).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsdPrice, usd), Token);
        core.Get<CoinCatalogue>().Invalidate();
    }

    /// <summary><paramref name="requester"/> asks for the address on the allow-list, <paramref name="approver"/> approves it.</summary>
    public static async Task ListColdStorageAsync(this CoreDatabase core, string address, string label, (string Id, string Key) requester, (string Id, string Key) approver)
    {
        var asked = await core.Get<ColdStorageAllowList>().RequestAddAsync(new AllowListAddition(requester.Id, address, label, "Our vault", core.Code(requester.Key)), Token);
        Assert.True(asked.Succeeded, asked.Message);
        var approved = await core.Get<ApprovalQueue>().ApproveAsync(asked.RequestId!.Value, approver.Id, core.Code(approver.Key), "Checked with the vault's owner", Token);
        Assert.True(approved.Succeeded, approved.Message);
    }

    /// <summary>A send asked for by <paramref name="requester"/>; the answer of <paramref name="approver"/>'s approval (Hub's outcome).</summary>
    public static async Task<OperatorResult> SendApprovedAsync(this CoreDatabase core, string? amount, string? address, string? reason, (string Id, string Key) requester,
        (string Id, string Key) approver)
    {
        var asked = await core.Get<HotWalletService>().SendToColdStorageAsync(new ColdStorageSend(requester.Id, amount, address, reason, core.Code(requester.Key)), Token);
        if (!asked.Succeeded) return asked;
        return await core.Get<ApprovalQueue>().ApproveAsync(asked.RequestId!.Value, approver.Id, core.Code(approver.Key), "Matches the float plan", Token);
    }

    public static async Task<List<OperatorRequest>> RequestsAsync(this CoreDatabase core)
    {
        await using var db = core.NewContext();
        return await db.OperatorRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Token);
    }
}
