using Bunit;
using Exchange.Core.Deposits;
using Exchange.Tests.Infrastructure;
using Exchange.Web.Components.Pages.Deposit;

namespace Exchange.Tests.Web.Deposit;

/// <summary>Amounts are formatted by the coin in the Coins table, so the status renders over a real database.</summary>
public class DepositStatusTests : CoreComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private const string Address = "FJHSSHBZTAKQNDTIKJYCZBOZDGSZANCZSWCNWUOCZXFADNOQSYAHEJPXRLOVPNOQFQXXGEGVDGICLMOXXCHLTDDASB";

    private IRenderedComponent<DepositStatus> Render(params Exchange.Core.Deposits.Deposit[] deposits) =>
        Render<DepositStatus>(p => p
            .Add(s => s.Address, DepositAddress.Issue("alice", "MIOTA", Address, Now))
            .Add(s => s.Deposits, deposits));

    [Fact]
    public void An_unused_address_waits_for_a_deposit() =>
        Assert.Equal("Waiting for a deposit to this address.", Render().Find("[data-state='waiting']").TextContent.Trim());

    [Fact]
    public void A_deposit_seen_on_the_tangle_is_incoming_and_not_yet_credited() =>
        Assert.Contains("Incoming: 2.5 MIOTA seen on the Tangle, waiting for IOTA Hub's sweep",
            Render(Exchange.Core.Deposits.Deposit.Incoming("alice", "MIOTA", 1, 2_500_000, "TAIL", Now)).Find("[data-state='incoming']").TextContent);

    [Fact]
    public void A_swept_deposit_is_credited()
    {
        var deposit = Exchange.Core.Deposits.Deposit.Incoming("alice", "MIOTA", 1, 2_500_000, "TAIL", Now);
        deposit.MarkCredited("BUNDLE", Now);

        Assert.Contains("Credited: 2.5 MIOTA is in your balance.", Render(deposit).Find("[data-state='credited']").TextContent);
    }
}
