using Exchange.Core;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Core;

[Fast]
public class CsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1+2", "\"'\t=1+2\"")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    public void A_field_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(string value, string exported) =>
        Assert.Equal(exported, Csv.Field(value));

    [Theory]
    [InlineData("Goodwill credit, ticket 42", "\"Goodwill credit, ticket 42\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void An_ordinary_field_is_quoted_and_kept_as_it_is(string? value, string exported) =>
        Assert.Equal(exported, Csv.Field(value));
}
