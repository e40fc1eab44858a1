using System.Globalization;
using Exchange.Core.Coins;

namespace Exchange.Core.Amounts;

public enum AmountProblem
{
    None,
    Empty,
    NotANumber,
    WrongSeparator,
    Negative,
    Zero,
    TooManyDecimals,
    AboveMaximum,
}

public sealed record ParsedAmount(long BaseUnits, AmountProblem Problem, string? Message)
{
    public bool IsValid => Problem == AmountProblem.None;
}

/// <summary>
/// Reads an amount typed in the coin's display unit ("1.5" MIOTA) into base units, exactly: input
/// that would need rounding is refused, never rounded. Only the invariant form is accepted: digits,
/// at most one '.', no thousands separators, no exponent.
/// </summary>
public static class AmountParser
{
    public static ParsedAmount Parse(string? input, Coin coin)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
            return Fail(AmountProblem.Empty, "Enter an amount.");
        if (text.Contains(','))
            return Fail(AmountProblem.WrongSeparator, $"Use '.' as the decimal point and no thousands separators (for example 1234.5 {coin.Symbol}).");
        if (text.StartsWith('-'))
            return Fail(AmountProblem.Negative, "The amount must be positive.");
        if (!IsPlainDecimal(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return Fail(AmountProblem.NotANumber, $"'{text}' is not a number.");
        if (value == 0)
            return Fail(AmountProblem.Zero, "The amount must be more than zero.");
        if (DecimalPlaces(text) > coin.Decimals)
            return Fail(AmountProblem.TooManyDecimals, $"{coin.Symbol} has at most {coin.Decimals} decimals.");
        if (value > coin.ToDisplayUnits(coin.MaxSupply))
            return Fail(AmountProblem.AboveMaximum, $"The amount is more than all the {coin.Symbol} that exists ({coin.Format(coin.MaxSupply)}).");

        return new ParsedAmount((long)(value * coin.BaseUnitsPerCoin), AmountProblem.None, null);
    }

    private static ParsedAmount Fail(AmountProblem problem, string message) => new(0, problem, message);

    private static bool IsPlainDecimal(string text)
    {
        var points = 0;
        foreach (var c in text)
        {
            if (c == '.') points++;
            else if (!char.IsAsciiDigit(c)) return false;
        }
        return points <= 1 && text != ".";
    }

    private static int DecimalPlaces(string text)
    {
        var point = text.IndexOf('.');
        return point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
    }
}
