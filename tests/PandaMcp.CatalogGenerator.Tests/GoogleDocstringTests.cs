using PandaMcp.CatalogGenerator.Generation;

namespace PandaMcp.CatalogGenerator.Tests;

public sealed class GoogleDocstringTests
{
    [Fact]
    public void Parse_SplitsDescriptionArgumentsAndReturns_AndDropsApiDetails()
    {
        var doc = GoogleDocstring.Parse("""

                Summary line
                that goes on.

                Free text.

                API details:
                    HTTP Method: get
                    Path: /v1/x/y

                Args:
                    req(PandaRequest): the request
                    plain: no type
                    spaced (int, optional): with a space
                        and a second line
                            indented further
                    *args: stars are dropped
                    **kwargs(dict): the rest

                Returns:
                    dict: the envelope
                        with details

                Note:
                    Kept, as the operator wrote it.
                """);
        Assert.Equal("Summary line\nthat goes on.\n\nFree text.\n\nNote:\n    Kept, as the operator wrote it.", doc.Description);
        Assert.Equal("GET", doc.HttpMethod);
        Assert.Equal(["req", "plain", "spaced", "args", "kwargs"], doc.Arguments.Keys);
        Assert.Equal("no type", doc.Arguments["plain"]);
        Assert.Equal("with a space\nand a second line\n    indented further", doc.Arguments["spaced"]);
        Assert.Equal("the rest", doc.Arguments["kwargs"]);
        Assert.Equal("dict: the envelope\n    with details", doc.Returns);
    }

    [Fact]
    public void Parse_DedentsLikeCleandoc_WhenTheSummaryStartsOnTheQuoteLine()
    {
        var doc = GoogleDocstring.Parse("Summary.\n\n        Details.\n\n        Args:\n            x: an x\n        ");
        Assert.Equal("Summary.\n\nDetails.", doc.Description);
        Assert.Equal("an x", doc.Arguments["x"]);
        Assert.Null(doc.HttpMethod);
    }

    [Fact]
    public void Parse_TakesAnHttpMethodLine_OutsideApiDetails()
    {
        var doc = GoogleDocstring.Parse("Summary.\n\nHTTP Method: POST\n");
        Assert.Equal("POST", doc.HttpMethod);
        Assert.Equal("Summary.", doc.Description);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Parse_OfNoDocstring_IsEmpty(string? docstring)
    {
        var doc = GoogleDocstring.Parse(docstring);
        Assert.Equal("", doc.Description);
        Assert.Empty(doc.Arguments);
        Assert.Equal("", doc.Returns);
        Assert.Null(doc.HttpMethod);
    }
}
