using Exchange.Hub.Iota;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Iota;

/// <summary>Where a transaction of a sweep's bundle moves value: the address, value and tag fields of its 2673 trytes.</summary>
[Fast]
public class BundleTransactionTests
{
    private static readonly string Blank = new('9', BundleTransaction.Length);

    [Theory]
    [InlineData(0L, "999999999999999999999999999")]
    [InlineData(1L, "A99999999999999999999999999")]
    [InlineData(-1L, "Z99999999999999999999999999")]
    [InlineData(27L, "9A9999999999999999999999999")]
    [InlineData(14L, "NA9999999999999999999999999")]
    public void A_value_is_written_as_balanced_ternary_least_significant_tryte_first(long value, string trytes)
    {
        var written = new BundleTransaction(TestAddresses.Payout[..81], value, new string('9', 27)).WriteInto(Blank);

        Assert.Equal(trytes, written.Substring(2268, 27));
        Assert.Equal(TestAddresses.Payout[..81], written.Substring(2187, 81));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(10_000_000L)]
    [InlineData(2_779_530_283_277_761L)] // every iota there is
    [InlineData(-2_779_530_283_277_761L)]
    public void A_written_transaction_reads_back_as_it_was_written(long value)
    {
        var transaction = new BundleTransaction(TestAddresses.OtherPayout[..81], value, TagRules.Pad("EXCHANGE"));

        Assert.Equal(transaction, BundleTransaction.TryParse(transaction.WriteInto(Blank)));
    }

    [Fact]
    public void A_transaction_without_value_reads_as_moving_nothing()
    {
        var moving = new BundleTransaction(TestAddresses.Payout[..81], 5, TagRules.Pad("")).WriteInto(Blank);

        Assert.Equal(0, BundleTransaction.TryParse(BundleTransaction.WithoutValue(moving))!.Value);
    }

    [Fact]
    public void Text_that_is_no_transaction_reads_as_none()
    {
        Assert.Null(BundleTransaction.TryParse("ABC"));
        Assert.Null(BundleTransaction.TryParse("a" + Blank[1..]));
    }

    [Fact]
    public void A_value_beyond_what_a_long_holds_reads_as_none()
    {
        var huge = Blank[..2268] + new string('M', 27) + Blank[2295..];

        Assert.Null(BundleTransaction.TryParse(huge));
    }
}
