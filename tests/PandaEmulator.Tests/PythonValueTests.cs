using PandaEmulator.Python;

namespace PandaEmulator.Tests;

public sealed class PythonValueTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(123456.789, "123456.789")]
    public void FloatRepr_IsPythons(double value, string expected) => Assert.Equal(expected, PyFloat.Repr(value));

    [Fact]
    public void Repr_WritesPythonLiterals()
    {
        var value = new PyDict
        {
            { "s", "it's" },
            { "q", "say \"hi\"" },
            { "both", "'\"" },
            { "n", null },
            { "b", false },
            { "l", new PyList { 1L, 2.5, "x\n" } },
            { "t", new PyTuple(1L) },
            { 7L, new DateTime(2026, 8, 6, 12, 30, 0) },
            { "u", "café\u0001" },
        };

        Assert.Equal(
            "{'s': \"it's\", 'q': 'say \"hi\"', 'both': '\\'\"', 'n': None, 'b': False, 'l': [1, 2.5, 'x\\n'], 't': (1,), "
            + "7: datetime.datetime(2026, 8, 6, 12, 30), 'u': 'café\\x01'}",
            PyRepr.Repr(value));
    }

    [Fact]
    public void JsonDumps_UsesPythonDefaults()
    {
        var value = new PyDict
        {
            { "a", new PyList { 1L, true, null } },
            { 5L, "é\"" },
            { "t", new DateTime(2026, 8, 6, 12, 30, 5) },
            { "f", double.NaN },
        };

        Assert.Equal("{\"a\": [1, true, null], \"5\": \"\\u00e9\\\"\", \"t\": {\"__datetime__\": \"2026-08-06T12:30:05\"}, \"f\": NaN}", PyJson.Dumps(value));
    }

    [Theory]
    [InlineData("", "Expecting value: line 1 column 1 (char 0)")]
    [InlineData("{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)")]
    [InlineData("{\"a\": 1,}", "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)")]
    [InlineData("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)")]
    [InlineData("{}\n x", "Extra data: line 2 column 2 (char 4)")]
    [InlineData("\"abc", "Unterminated string starting at: line 1 column 1 (char 0)")]
    [InlineData("\"\\q\"", "Invalid \\escape: line 1 column 2 (char 1)")]
    public void JsonLoads_FailsWithPythonsMessages(string text, string expected)
    {
        var error = Assert.Throws<PyJsonDecodeException>(() => PyJsonParser.Loads(text));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void JsonLoads_KeepsBigIntsAndLastDuplicate()
    {
        var value = (PyDict)PyJsonParser.Loads("{\"a\": 123456789012345678901234, \"b\": 1, \"b\": 2.0}")!;

        Assert.Equal("123456789012345678901234", PyOps.Str(value["a"]));
        Assert.Equal(2.0, value["b"]);
    }

    [Fact]
    public void QueryString_FoldsRepeatedKeys_AndKeepsBlanks()
    {
        var value = PyQueryString.Parse("?a=1&a=2&b=&c&d=%C3%A9+x");

        Assert.Equal("{'a': ['1', '2'], 'b': '', 'c': '', 'd': 'é x'}", PyRepr.Repr(value));
    }
}
