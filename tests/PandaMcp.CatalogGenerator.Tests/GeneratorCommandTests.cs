namespace PandaMcp.CatalogGenerator.Tests;

/// <summary>The command line: its arguments, and one line with exit code 1 for anything it cannot use.</summary>
public sealed class GeneratorCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("panda-catalog-cmd-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    private string Source => Path.Combine(_work, "api", "v1");
    private string Output => Path.Combine(_work, "catalog");

    private int Run(params string[] args) => GeneratorCommand.Run(args, _output, _errors);

    private int RunOn(string fileName, string python)
    {
        Directory.CreateDirectory(Source);
        File.WriteAllText(Path.Combine(Source, fileName), python);
        return Run("--source", Source, "--output", Output);
    }

    /// <summary>The single error line; a stack trace would add more lines (and "   at ").</summary>
    private string ErrorLine()
    {
        var lines = _errors.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        return lines[0];
    }

    [Fact]
    public void Run_Fails_WhenTheFolderHasNoApiFiles()
    {
        Assert.Equal(1, RunOn("common.py", "def request_validation(logger):\n    pass\n"));
        Assert.Equal($"error: {Source} has no *_api.py files; give the pandaserver/api/v1 folder of a PanDA server.", ErrorLine());
        Assert.Equal("", _output.ToString());
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Run_Fails_WhenTheFolderDoesNotExist()
    {
        Assert.Equal(1, Run("--source", Source, "--output", Output));
        Assert.Contains("does not exist", ErrorLine());
    }

    [Fact]
    public void Run_NamesFileAndLine_OfAnUnclosedString()
    {
        Assert.Equal(1, RunOn("task_api.py", "@request_validation(_logger)\ndef get(req):\n    \"\"\"never closed\n    return 1\n"));
        Assert.Equal($"error: Cannot read {Path.Combine(Source, "task_api.py")}, line 3: a string literal is not closed.", ErrorLine());
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public void Run_NamesFileAndLine_OfAnUnclosedBracket()
    {
        Assert.Equal(1, RunOn("task_api.py", "x = 1\n@request_validation(_logger,\ndef get(req):\n    return 1\n"));
        Assert.Equal($"error: Cannot read {Path.Combine(Source, "task_api.py")}, line 2: a bracket opened here is not closed.", ErrorLine());
    }

    [Fact]
    public void Run_Fails_OnAFlagThatIsNotALiteral()
    {
        Assert.Equal(1, RunOn("task_api.py", "@request_validation(_logger, secure=SECURE)\ndef get(req):\n    return 1\n"));
        Assert.Equal(
            $"error: Cannot read {Path.Combine(Source, "task_api.py")}, line 2: request_validation's secure=SECURE is not True or False (on get).",
            ErrorLine());
    }

    [Theory]
    [InlineData]
    [InlineData("--source", "somewhere")]
    [InlineData("--output")]
    [InlineData("--source", "a", "--output", "b", "--force")]
    public void Run_Fails_OnIncompleteOrUnknownArguments(params string[] args)
    {
        Assert.Equal(1, Run(args));
        Assert.EndsWith("Run with --help for the usage.", ErrorLine());
    }

    [Fact]
    public void Run_PrintsTheUsage_ForHelp()
    {
        Assert.Equal(0, Run("--help"));
        Assert.Contains("--source <folder>", _output.ToString());
        Assert.Contains("PandaMcp:Catalog:CatalogDirectory", _output.ToString());
    }

    [Fact]
    public void Run_AcceptsOptionEqualsValue_ReplacesItsFiles_AndWarnsOfOthers()
    {
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "system.json"), "old");
        File.WriteAllText(Path.Combine(Output, "retired.json"), "{}");
        Assert.Equal(0, RunOn("system_api.py", "@request_validation(_logger, secure=False, request_method=\"GET\")\ndef is_alive(req):\n    return 1\n"));
        Assert.Equal(0, Run($"--source={Source}", $"--output={Output}"));
        Assert.Contains("\"function\": \"is_alive\"", File.ReadAllText(Path.Combine(Output, "system.json")));
        Assert.Contains($"warning: {Path.Combine(Output, "retired.json")} was not written from this source", _errors.ToString());
        Assert.Contains($"Wrote 1 modules with 1 endpoints to {Output}.", _output.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
