using Blux.Modules.Lite.Datasets;

namespace Blux.UnitTests.Lite;

public sealed class CsvParserTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var table = CsvParser.Parse("name,comment\r\n\"Smith, J\",\"said \"\"hi\"\"\nand left\"\r\nplain,\"\"\r\n");

        table.Header.Should().Equal("name", "comment");
        table.Rows.Should().HaveCount(2);
        table.Rows[0].Should().Equal("Smith, J", "said \"hi\"\nand left");
        table.Rows[1].Should().Equal("plain", string.Empty);
    }

    [Fact]
    public void Blank_lines_a_missing_final_newline_and_a_byte_order_mark_are_accepted()
    {
        var table = CsvParser.Parse("\uFEFFa,b\n\n1,2\n\n3,4");

        table.Header.Should().Equal("a", "b");
        table.Rows.Select(r => string.Join('|', r)).Should().Equal("1|2", "3|4");
    }

    [Fact]
    public void The_row_bound_keeps_the_first_rows_and_says_it_cut()
    {
        var table = CsvParser.Parse("a\n1\n2\n3\n", maxRows: 2);

        table.Rows.Should().HaveCount(2);
        table.Truncated.Should().BeTrue();
    }

    [Fact]
    public void A_row_error_after_a_multi_line_field_names_the_line_the_row_starts_on()
    {
        var act = () => CsvParser.Parse("a,b\n\"x\ny\",1\n2\n");

        act.Should().Throw<CsvFormatException>().Which.Line.Should().Be(4);
    }

    [Theory]
    [InlineData("a,b\n1\n", 2, "field_count")]
    [InlineData("a\n\"unclosed\n", 2, "unterminated_quote")]
    [InlineData("a\nx\"y\n", 2, "stray_quote")]
    [InlineData("a\n\"x\"y\n", 2, "text_after_quote")]
    [InlineData(" a ,a\n", 1, "duplicate_column")]
    [InlineData("\n\n", 1, "no_header")]
    public void Malformed_text_names_its_line_and_issue(string text, int line, string issue)
    {
        var act = () => CsvParser.Parse(text);

        var error = act.Should().Throw<CsvFormatException>().Which;
        error.Line.Should().Be(line);
        error.Issue.Should().Be(issue);
    }
}
