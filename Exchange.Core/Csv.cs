namespace Exchange.Core;

public static class Csv
{
    /// <summary>
    /// Quotes a free-text field so commas, quotes and new lines survive, and defuses spreadsheet formulas: a
    /// spreadsheet reads a cell starting with = + - @, or with a tab or carriage return before one, as a formula.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
