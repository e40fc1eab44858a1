using Exchange.Core.Deposits;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Deposits;

[Fast]
public class DepositTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_incoming_deposit_is_credited_once_with_the_sweep_bundle()
    {
        var deposit = Deposit.Incoming("alice", "MIOTA", 1, 1_000, "TAIL", Now);

        var first = deposit.MarkCredited("BUNDLE", Now.AddMinutes(1));
        var second = deposit.MarkCredited("OTHER", Now.AddMinutes(2));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal((DepositState.Credited, "BUNDLE", Now.AddMinutes(1)), (deposit.State, deposit.SweepBundleHash, deposit.CreditedAt));
    }

    [Fact]
    public void A_deposit_is_a_positive_amount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Deposit.Incoming("alice", "MIOTA", 1, 0, "TAIL", Now));

    [Fact]
    public void A_deposit_address_is_stored_with_its_checksum_and_remembers_when_it_was_first_used()
    {
        Assert.Throws<ArgumentException>(() => DepositAddress.Issue("alice", "MIOTA", new string('A', 81), Now));
        var address = DepositAddress.Issue("alice", "MIOTA", new string('A', 90), Now);

        address.MarkSeen(Now.AddMinutes(1));
        address.MarkSeen(Now.AddMinutes(5));

        Assert.Equal(Now.AddMinutes(1), address.FirstSeenAt);
        Assert.True(address.IsUsed);
        Assert.Equal(81, address.Address81.Length);
    }
}
