using Exchange.Core.Amounts;
using Exchange.Core.Coins;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core.Amounts;

[Fast]
public class AmountParserTests
{
    // The coins a new database starts with: parsing needs only a coin's decimals and supply, no database.
    private static readonly Coin Iota = CoinSeed.All.Single(c => c.Symbol == CoinSymbols.Iota);
    private static readonly Coin Bitcoin = CoinSeed.All.Single(c => c.Symbol == CoinSymbols.Bitcoin);

    [Theory]
    [InlineData("1", 1_000_000)]
    [InlineData("1.5", 1_500_000)]
    [InlineData("0.000001", 1)]
    [InlineData(" 2.250000 ", 2_250_000)]
    [InlineData(".5", 500_000)]
    [InlineData("7.", 7_000_000)]
    [InlineData("2779530283.277761", 2_779_530_283_277_761)]
    public void Reads_miota_into_exact_iotas(string input, long iotas)
    {
        var parsed = AmountParser.Parse(input, Iota);

        Assert.True(parsed.IsValid, parsed.Message);
        Assert.Equal(iotas, parsed.BaseUnits);
    }

    [Fact]
    public void Reads_bitcoin_into_satoshis() =>
        Assert.Equal(123_456_789, AmountParser.Parse("1.23456789", Bitcoin).BaseUnits);

    [Theory]
    [InlineData(null, AmountProblem.Empty, "Enter an amount.")]
    [InlineData("   ", AmountProblem.Empty, "Enter an amount.")]
    [InlineData("abc", AmountProblem.NotANumber, "'abc' is not a number.")]
    [InlineData("1e6", AmountProblem.NotANumber, "'1e6' is not a number.")]
    [InlineData("1.2.3", AmountProblem.NotANumber, "'1.2.3' is not a number.")]
    [InlineData("+5", AmountProblem.NotANumber, "'+5' is not a number.")]
    [InlineData("1 000", AmountProblem.NotANumber, "'1 000' is not a number.")]
    [InlineData("1,5", AmountProblem.WrongSeparator, "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData("1,000.5", AmountProblem.WrongSeparator, "Use '.' as the decimal point and no thousands separators (for example 1234.5 MIOTA).")]
    [InlineData("-1", AmountProblem.Negative, "The amount must be positive.")]
    [InlineData("0", AmountProblem.Zero, "The amount must be more than zero.")]
    [InlineData("0.000000", AmountProblem.Zero, "The amount must be more than zero.")]
    [InlineData("0.0000001", AmountProblem.TooManyDecimals, "MIOTA has at most 6 decimals.")]
    [InlineData("1.1234567", AmountProblem.TooManyDecimals, "MIOTA has at most 6 decimals.")]
    [InlineData("2779530283.277762", AmountProblem.AboveMaximum, "The amount is more than all the MIOTA that exists (2779530283.277761 MIOTA).")]
    [InlineData("99999999999999999999999", AmountProblem.AboveMaximum, "The amount is more than all the MIOTA that exists (2779530283.277761 MIOTA).")]
    public void Refuses_bad_input_with_its_own_message(string? input, AmountProblem problem, string message)
    {
        var parsed = AmountParser.Parse(input, Iota);

        Assert.Equal(problem, parsed.Problem);
        Assert.Equal(message, parsed.Message);
        Assert.Equal(0, parsed.BaseUnits);
    }

    [Theory]
    [InlineData(1, "0.000001 MIOTA")]
    [InlineData(1_500_000, "1.5 MIOTA")]
    [InlineData(2_000_000, "2 MIOTA")]
    [InlineData(0, "0 MIOTA")]
    [InlineData(2_779_530_283_277_761, "2779530283.277761 MIOTA")]
    public void Formats_iotas_in_miota_without_trailing_zeros(long iotas, string text) =>
        Assert.Equal(text, Iota.Format(iotas));

    [Fact]
    public void Values_in_usd_from_the_coin_price_exactly()
    {
        Assert.Equal(0.27m, Iota.UsdValue(1_000_000));
        Assert.Equal(0.00000027m, Iota.UsdValue(1));
        Assert.Equal("$10,100.00", Coin.FormatUsd(Bitcoin.UsdValue(100_000_000)));
    }
}
