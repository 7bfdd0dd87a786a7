using System.Text.Json.Nodes;
using PandaMcp.CatalogGenerator.Python;

namespace PandaMcp.CatalogGenerator.Tests;

public sealed class PythonLiteralTests
{
    [Theory]
    [InlineData("None", "null")]
    [InlineData("True", "true")]
    [InlineData("False", "false")]
    [InlineData("0", "0")]
    [InlineData("-3", "-3")]
    [InlineData("+4", "4")]
    [InlineData("1_000_000", "1000000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("2.5", "2.5")]
    [InlineData("-.5", "-0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("'single'", "\"single\"")]
    [InlineData("\"double\"", "\"double\"")]
    [InlineData("'''triple'''", "\"triple\"")]
    [InlineData("'a' \"b\"", "\"ab\"")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("'\\x41\\u00e9\\101\\n'", "\"A\u00e9A\\n\"")]
    [InlineData("'\\d'", "\"\\\\d\"")]
    [InlineData("r'\\d\\n'", "\"\\\\d\\\\n\"")]
    [InlineData("u'x'", "\"x\"")]
    [InlineData("()", "[]")]
    [InlineData("('a')", "\"a\"")]
    [InlineData("('a',)", "[\"a\"]")]
    [InlineData("(\n    'input',\n    'pseudo_input',\n)", "[\"input\",\"pseudo_input\"]")]
    [InlineData("[1, [2, (3,)], None]", "[1,[2,[3]],null]")]
    [InlineData("{}", "{}")]
    [InlineData("{'a': {'b': [True]}}", "{\"a\":{\"b\":[true]}}")]
    [InlineData("{1: 'one', True: 't', None: 'n', 2.5: 'x'}", "{\"1\":\"one\",\"true\":\"t\",\"null\":\"n\",\"2.5\":\"x\"}")]
    public void TryParse_GivesJson_ForALiteral(string python, string json)
    {
        Assert.True(PythonLiteral.TryParse(python, out var value));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), value), value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("")]
    [InlineData("DEFAULT_TIMEOUT")]
    [InlineData("60 * 60")]
    [InlineData("-x")]
    [InlineData("1j")]
    [InlineData("f'{x}'")]
    [InlineData("'a' + 'b'")]
    [InlineData("len(x)")]
    [InlineData("lambda: global_task_buffer")]
    [InlineData("{1, 2}")]
    [InlineData("{(1, 2): 'pair'}")]
    [InlineData("[1, 2")]
    [InlineData("'unclosed")]
    [InlineData("'\\U12345678'x")]
    public void TryParse_Refuses_WhatIsNotALiteral(string python) => Assert.False(PythonLiteral.TryParse(python, out _));

    [Fact]
    public void TryParseString_AcceptsOnlyStrings()
    {
        Assert.True(PythonLiteral.TryParseString("\"\"\"doc\"\"\"", out var doc));
        Assert.Equal("doc", doc);
        Assert.False(PythonLiteral.TryParseString("None", out _));
        Assert.False(PythonLiteral.TryParseString("1", out _));
    }
}
