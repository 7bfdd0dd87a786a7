using PandaMcp.CatalogGenerator.Python;

namespace PandaMcp.CatalogGenerator.Tests;

public sealed class PythonModuleReaderTests
{
    [Fact]
    public void Read_TakesDecoratorsSignatureReturnAndDocstring_OfTopLevelFunctions()
    {
        var module = PythonModuleReader.Read(string.Join('\n',
            "'''Module text.'''",
            "import x",
            "",
            "@first",
            "@second(a=\")\", b=[1,",
            "                  2])  # a comment (with a bracket",
            "def f(",
            "    req: PandaRequest,  # the request",
            "    ids: List[int],",
            "    flag=False,",
            "    *,",
            "    **kwargs: dict,",
            ") -> Dict[str, Any]:",
            "\t\"\"\"Tab-indented docstring.\"\"\"",
            "\treturn 1",
            ""));
        Assert.Equal("Module text.", module.Docstring);
        var f = Assert.Single(module.Functions);
        Assert.Equal("f", f.Name);
        Assert.Equal(7, f.Line);
        Assert.Equal(["first", "second(a=\")\", b=[1,\n                  2])"], f.Decorators);
        Assert.Equal(
            [
                new PythonParameter("req", PythonParameterKind.Named, "PandaRequest", null),
                new PythonParameter("ids", PythonParameterKind.Named, "List[int]", null),
                new PythonParameter("flag", PythonParameterKind.Named, null, "False"),
                new PythonParameter("kwargs", PythonParameterKind.VarKeyword, "dict", null),
            ],
            f.Parameters);
        Assert.Equal("Dict[str, Any]", f.ReturnAnnotation);
        Assert.Equal("Tab-indented docstring.", f.Docstring);
    }

    [Fact]
    public void Read_GivesNoDocstring_WhenTheBodyStartsWithCode()
    {
        var f = Assert.Single(PythonModuleReader.Read("def f(req, *args):\n    x = '''not a docstring'''\n").Functions);
        Assert.Null(f.Docstring);
        Assert.Equal(PythonParameterKind.VarPositional, f.Parameters[1].Kind);
        Assert.Null(PythonModuleReader.Read("import os\n").Docstring);
    }

    [Theory]
    [InlineData("def f(req):\n    return ')'\n)\n", 3, "')' closes no bracket")]
    [InlineData("def f(req):\n    return 'open\n", 2, "a string literal is not closed")]
    [InlineData("def f(req, 1x):\n    pass\n", 1, "'1x' is not a parameter the reader understands (in f)")]
    [InlineData("def f(req) pass\n", 1, "the definition of f has no closing ')' and ':'")]
    public void Read_Reports_TheLineItCannotFollow(string source, int line, string message)
    {
        var e = Assert.Throws<PythonSyntaxException>(() => PythonModuleReader.Read(source));
        Assert.Equal(line, e.Line);
        Assert.Equal(message, e.Message);
    }
}
