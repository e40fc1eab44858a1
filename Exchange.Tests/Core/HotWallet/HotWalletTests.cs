using Exchange.Core.Accounts;
using Exchange.Core.Coins;
using Exchange.Core.Deposits;
using Exchange.Core.HotWallet;
using Exchange.Core.HubSync;
using Exchange.Core.Operations;
using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Exchange.Tests.Infrastructure.OperatorSteps;

namespace Exchange.Tests.Core.HotWallet;

/// <summary>The exchange's own money in the hot wallet: top-ups from cold storage and sends back, through the emulator, and how the overview explains them.</summary>
public class HotWalletTests : HubSyncTest
{
    private const string HotWalletUser = "user-hot-wallet";
    private const string Cold = TestAddresses.OtherPayout;

    private IHubClient Client => field ??= HubClients.For(Hub.BaseAddress, readRetries: 0);
    private HotWalletService HotWallet => Exchange.Get<HotWalletService>();

    private SteppedUpOperator? op;

    /// <summary>The operator (with two-factor on) and a fresh code, for one action.</summary>
    private async Task<OperatorCredentials> OperatorCodeAsync() => (op ??= await Exchange.OperatorWithTwoFactorAsync(Operator, OperatorEmail)).WithCode();

    private async Task<string> RequestAddressAsync()
    {
        var issued = await HotWallet.RequestDepositAddressAsync(await OperatorCodeAsync(), Token);
        Assert.True(issued.Succeeded, issued.Message);
        return issued.Message;
    }

    /// <summary>Cold storage pays into a hot-wallet address; Hub sweeps it; the balance check books it.</summary>
    private async Task TopUpAsync(params long[] amounts)
    {
        foreach (var amount in amounts)
            await Hub.DepositAsync(await RequestAddressAsync(), amount);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
    }

    private async Task<List<HotWalletTransfer>> TransfersAsync()
    {
        await using var db = Exchange.NewContext();
        return await db.HotWalletTransfers.AsNoTracking().OrderBy(t => t.Id).ToListAsync(Token);
    }

    private async Task<List<UserHistoryEvent>> HubWithdrawalsAsync() =>
        (await Client.GetUserHistoryAsync(HotWalletUser, 0, Token)).Where(e => e.Reason == UserHistoryReason.Withdrawal).ToList();

    private (string Id, string Key) first, second;

    /// <summary>Two operators with two-factor on, and the cold-storage address on the allow-list.</summary>
    private async Task OperatorsAsync()
    {
        first = (Operator, await Exchange.AddOperatorAsync(Operator, OperatorEmail));
        second = (ApprovalSteps.Second, await Exchange.AddOperatorAsync(ApprovalSteps.Second, ApprovalSteps.SecondEmail));
        op = new SteppedUpOperator(first.Id, first.Key, Exchange.Time); // the top-ups' codes come from the same key
        await Exchange.ListColdStorageAsync(Cold, "Vault A", first, second);
    }

    /// <summary>Asked for by the first operator, approved (and so sent) by the second.</summary>
    private Task<OperatorResult> SendAsync(string? amount, string? address = Cold, string? reason = "Surplus above the float") =>
        Exchange.SendApprovedAsync(amount, address, reason, first, second);

    private async Task<MoneyPosition> PositionAsync() => (await Exchange.Get<OperatorOverview>().LoadAsync(Token)).Iota!;

    [Fact]
    public async Task A_top_up_is_recorded_once_as_the_exchanges_own_money_however_often_the_balance_check_runs()
    {
        op ??= await Exchange.OperatorWithTwoFactorAsync(Operator, OperatorEmail);
        var address = await RequestAddressAsync();
        await Hub.DepositAsync(address, 20_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");

        await Exchange.Get<BalanceSync>().RunAsync(Token);
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        Exchange.Time.Advance(TimeSpan.FromMinutes(1));
        await Exchange.Get<BalanceSync>().RunAsync(Token);

        var topUp = Assert.Single(await TransfersAsync());
        Assert.Equal((HotWalletTransferKind.TopUp, HotWalletTransferState.Received, 20_000_000L, (string?)null),
            (topUp.Kind, topUp.State, topUp.Amount, topUp.OperatorId));
        Assert.False(string.IsNullOrEmpty(topUp.HubReference));
        Assert.Equal(20_000_000, await HotWallet.BalanceAsync(Token));
        await using var db = Exchange.NewContext();
        Assert.Empty(await db.Accounts.ToListAsync(Token));
        Assert.Empty(await db.UnrecognisedHubEvents.ToListAsync(Token));
        var audit = Assert.Single(await Exchange.AuditAsync());
        Assert.Equal((OperatorEmail, "Hot-wallet deposit address requested", $"Hub user {HotWalletUser}", address), (audit.OperatorEmail, audit.Action, audit.Subject, audit.After));
    }

    [Fact]
    public async Task Two_equal_top_ups_in_one_sweep_are_two_transfers()
    {
        await TopUpAsync(3_000_000, 3_000_000);
        await Exchange.Get<BalanceSync>().RunAsync(Token);

        var transfers = await TransfersAsync();
        Assert.Equal([3_000_000L, 3_000_000L], transfers.Select(t => t.Amount));
        Assert.All(transfers, t => Assert.Equal(HotWalletTransferKind.TopUp, t.Kind));
        Assert.Equal(6_000_000, await HotWallet.BalanceAsync(Token));
    }

    [Fact]
    public async Task A_send_to_cold_storage_is_submitted_with_hubs_uuid_leaves_the_hot_wallet_and_is_audited()
    {
        await OperatorsAsync();
        await TopUpAsync(20_000_000);

        var result = await SendAsync("5.5", reason: "  Weekly sweep to cold storage  ");

        var hubWithdrawal = Assert.Single(await HubWithdrawalsAsync());
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"Hub took the withdrawal of 5.5 MIOTA ({hubWithdrawal.WithdrawalUuid}); it leaves with Hub's next sweep.", result.Message);
        Assert.Equal(-5_500_000, hubWithdrawal.Amount);
        Assert.Equal(14_500_000, await Client.GetBalanceAsync(HotWalletUser, Token));
        var send = (await TransfersAsync()).Single(t => t.Kind == HotWalletTransferKind.ToColdStorage);
        Assert.Equal((HotWalletTransferState.Submitted, 5_500_000L, hubWithdrawal.WithdrawalUuid, Cold, Operator, "Weekly sweep to cold storage"),
            (send.State, send.Amount, send.HubReference, send.Address, send.OperatorId, send.Reason));
        var audit = (await Exchange.AuditAsync()).Last();
        Assert.Equal((ApprovalSteps.SecondEmail, "Sent to cold storage", $"5.5 MIOTA to {Cold}", $"Submitted: {hubWithdrawal.WithdrawalUuid}", "Weekly sweep to cold storage"),
            (audit.OperatorEmail, audit.Action, audit.Subject, audit.After, audit.Reason));
    }

    [Fact]
    public async Task A_send_of_more_than_the_hot_wallet_holds_is_refused_before_hub_naming_both_figures()
    {
        await OperatorsAsync();
        await TopUpAsync(2_000_000);

        var result = await SendAsync("3");

        Assert.Equal((false, "The hot wallet holds 2 MIOTA; it cannot send 3 MIOTA."), (result.Succeeded, result.Message));
        Assert.DoesNotContain(await TransfersAsync(), t => t.Kind == HotWalletTransferKind.ToColdStorage);
        Assert.Equal(2_000_000, await Client.GetBalanceAsync(HotWalletUser, Token));
        Assert.Empty(await HubWithdrawalsAsync());
        var position = await PositionAsync();
        Assert.Equal((2_000_000L, 0L), (position.OwnFunds, position.Difference));
    }

    [Theory]
    [InlineData("1", Cold, null, "A send to cold storage needs a reason for the audit log.")]
    [InlineData("1", Cold, "  ", "A send to cold storage needs a reason for the audit log.")]
    [InlineData("1,5", Cold, "Surplus", "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData("0", Cold, "Surplus", "The amount must be more than zero.")]
    [InlineData("1", "A" + "JHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB", "Surplus", null)]
    [InlineData("1", "FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXX", "Surplus", null)]
    [InlineData("1", "not an address", "Surplus", null)]
    public async Task A_send_with_a_bad_amount_address_or_no_reason_is_refused_before_hub_and_nothing_is_recorded(string amount, string address, string? reason, string? message)
    {
        await OperatorsAsync();
        await TopUpAsync(20_000_000);
        var auditBefore = (await Exchange.AuditAsync()).Count;

        var result = await SendAsync(amount, address, reason);

        Assert.False(result.Succeeded);
        if (message is not null) Assert.Equal(message, result.Message);
        Assert.DoesNotContain(await TransfersAsync(), t => t.Kind == HotWalletTransferKind.ToColdStorage);
        Assert.Equal(auditBefore, (await Exchange.AuditAsync()).Count);
        Assert.Empty(await HubWithdrawalsAsync());
        Assert.Equal(20_000_000, await Client.GetBalanceAsync(HotWalletUser, Token));
    }

    [Fact]
    public async Task A_send_to_one_of_the_exchanges_own_deposit_addresses_is_refused()
    {
        await OperatorsAsync();
        await TopUpAsync(20_000_000);
        var own = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;

        var result = await SendAsync("1", own);

        Assert.Equal((false, "This is one of the exchange's own deposit addresses, not cold storage."), (result.Succeeded, result.Message));
        Assert.Empty(await HubWithdrawalsAsync());
    }

    [Fact]
    public async Task Every_iota_is_accounted_for_through_top_ups_sends_to_cold_storage_deposits_and_manual_credits()
    {
        await OperatorsAsync();
        await Exchange.AddUserAsync("user-ann", "ann@example.com");

        await TopUpAsync(20_000_000);
        var toppedUp = await PositionAsync();

        await SendAsync("5");
        var sent = await PositionAsync();

        var alice = (await Exchange.Get<DepositAddressService>().RequestAsync("alice", Token)).Address!.Address;
        await Hub.DepositAsync(alice, 10_000_000);
        await Hub.TickAsync("monitor");
        await Hub.TickAsync("sweep");
        await Exchange.Get<BalanceSync>().RunAsync(Token);
        await Exchange.Get<HotWalletSweeper>().RunAsync(Token);
        var deposited = await PositionAsync();

        var credit = await Exchange.Get<UserAdministration>().AdjustAsync(
            new ManualAdjustment(Operator, "user-ann", CoinSymbols.Iota, AdjustmentDirection.Credit, "2", "Goodwill", Exchange.Code(first.Key)), Token);
        var credited = await PositionAsync();

        Assert.True(credit.Succeeded, credit.Message);
        Assert.Equal(new MoneyPosition(0, 20_000_000, 0, 0, 20_000_000, 0), toppedUp);
        Assert.Equal(new MoneyPosition(0, 15_000_000, 0, 0, 15_000_000, 0), sent);
        Assert.Equal(new MoneyPosition(10_000_000, 25_000_000, 0, 0, 15_000_000, 0), deposited);
        Assert.Equal(new MoneyPosition(12_000_000, 25_000_000, 0, 0, 15_000_000, 2_000_000), credited);
        Assert.All([toppedUp, sent, deposited, credited], p => Assert.Equal(0, p.Difference));
    }
}

public sealed class HotWalletOnPostgreSqlTests : HotWalletTests
{
    protected override TestEngine Engine => TestEngine.PostgreSql;
}
