using System.Text.Json;

namespace PandaMcp.CatalogGenerator.Tests;

/// <summary>The facts the generator writes for the test API modules, read back from the JSON files.</summary>
public sealed class GeneratedCatalogTests(GeneratedCatalog generated) : IClassFixture<GeneratedCatalog>
{
    private static string[] Functions(JsonElement module) =>
        module.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("function").GetString()!).ToArray();

    private static string[] Names(JsonElement endpoint) =>
        endpoint.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();

    private static string? Type(JsonElement parameter) => parameter.GetProperty("type").GetString();

    private static string Default(JsonElement parameter) => parameter.GetProperty("default").GetRawText();

    [Fact]
    public void Run_WritesOneFilePerApiModule_AndSaysSo()
    {
        Assert.Equal(0, generated.ExitCode);
        Assert.Equal(
            ["creds.json", "data_carousel.json", "idds.json", "job.json", "shapes.json", "system.json", "task.json"],
            Directory.GetFiles(generated.OutputDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal($"Wrote 7 modules with 23 endpoints to {generated.OutputDirectory}.\n", generated.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Module_IsRoutedAsCreds_ForCredentialManagement()
    {
        var creds = generated.Module("creds");
        Assert.Equal("creds", creds.GetProperty("module").GetString());
        Assert.Equal("credential_management", creds.GetProperty("listKey").GetString());
        Assert.False(generated.Module("task").TryGetProperty("listKey", out _));
    }

    [Fact]
    public void Module_TakesItsDescriptionFromTheFileDocstring_OrNamesTheFile()
    {
        Assert.Equal(
            "Task endpoints of a small test server.\n\nWritten for the catalog generator's tests, in the shape of PanDA's own API modules.",
            generated.Module("task").GetProperty("description").GetString());
        Assert.Equal("The endpoints of PanDA's job_api.py.", generated.Module("job").GetProperty("description").GetString());
    }

    [Fact]
    public void Endpoints_AreThePublicDecoratedModuleFunctions_InSourceOrder()
    {
        // Not init_task_buffer, _read_status or the undecorated describe_task and decode_idds_enum.
        Assert.Equal(["retry", "get_status", "get_datasets_and_files", "kill_unfinished_jobs", "resume"], Functions(generated.Module("task")));
        Assert.Equal(["relay_idds_command"], Functions(generated.Module("idds")));
        // Not the method of a class or the function nested in another; the second "redefined" replaces the first.
        Assert.Equal(
            ["bare", "empty_call", "positional_flags", "stacked", "defaults", "wrapped_annotation", "no_method", "redefined"],
            Functions(generated.Module("shapes")));
        Assert.Equal(["value"], Names(generated.Endpoint("shapes", "redefined")));
    }

    [Fact]
    public void Flags_TakeTheServersDefaults_ForADecoratorWithoutArguments()
    {
        foreach (var function in new[] { "bare", "empty_call" })
        {
            var endpoint = generated.Endpoint("shapes", function);
            Assert.True(endpoint.GetProperty("secure").GetBoolean());
            Assert.False(endpoint.GetProperty("production").GetBoolean());
            Assert.False(endpoint.GetProperty("taskOwner").GetBoolean());
            Assert.False(endpoint.GetProperty("methodEnforced").GetBoolean());
        }
    }

    [Theory]
    [InlineData("task", "retry", true, false, true)]
    [InlineData("task", "kill_unfinished_jobs", true, true, false)]
    [InlineData("system", "is_alive", false, false, false)]
    [InlineData("job", "generate_offline_execution_script", false, false, false)]
    [InlineData("shapes", "positional_flags", false, true, false)]
    [InlineData("shapes", "stacked", true, false, false)]
    public void Flags_AreTheDecoratorsArguments_ByKeywordOrPosition(string module, string function, bool secure, bool production, bool taskOwner)
    {
        var endpoint = generated.Endpoint(module, function);
        Assert.Equal(secure, endpoint.GetProperty("secure").GetBoolean());
        Assert.Equal(production, endpoint.GetProperty("production").GetBoolean());
        Assert.Equal(taskOwner, endpoint.GetProperty("taskOwner").GetBoolean());
    }

    [Theory]
    [InlineData("creds", "get_user_secrets", "GET", true)]      // decorator GET, docstring POST: the decorator wins
    [InlineData("job", "get_description", "GET", false)]        // no request_method: the docstring's, not enforced
    [InlineData("idds", "relay_idds_command", "POST", true)]    // no docstring at all
    [InlineData("shapes", "positional_flags", "POST", true)]    // request_method by position
    [InlineData("shapes", "stacked", "GET", true)]              // a qualified decorator among others
    [InlineData("shapes", "no_method", "POST", false)]          // named nowhere: POST
    public void Method_IsTheEnforcedOne_ElseTheDocumentedOne(string module, string function, string method, bool enforced)
    {
        var endpoint = generated.Endpoint(module, function);
        Assert.Equal(method, endpoint.GetProperty("method").GetString());
        Assert.Equal(enforced, endpoint.GetProperty("methodEnforced").GetBoolean());
    }

    [Fact]
    public void Warnings_NameEachEndpointTheOperatorShouldLookAt()
    {
        Assert.Equal(
            [
                "warning: creds.get_user_secrets: the decorator enforces GET but the docstring says POST; the catalog uses GET, which the server requires.",
                "warning: shapes.bare: neither the decorator nor the docstring names an HTTP method; the catalog uses POST.",
                "warning: shapes.empty_call: neither the decorator nor the docstring names an HTTP method; the catalog uses POST.",
                "warning: shapes.defaults: the default of limit (DEFAULT_LIMIT) is not a Python literal; the catalog lists the parameter as optional without a default.",
                "warning: shapes.defaults: the default of computed (60 * 60) is not a Python literal; the catalog lists the parameter as optional without a default.",
                "warning: shapes.wrapped_annotation: values is annotated 'Dict[str, List[int]]', a type the gateway does not know; it cannot offer this endpoint as a tool.",
                "warning: shapes.wrapped_annotation: maybe is annotated 'Optional[int]', a type the gateway does not know; it cannot offer this endpoint as a tool.",
                "warning: shapes.no_method: neither the decorator nor the docstring names an HTTP method; the catalog uses POST.",
            ],
            generated.Warnings.Select(w => w.TrimEnd('\r')));
    }

    [Fact]
    public void Parameters_LeaveTheRequestOut_AndFollowMultiLineSignatures()
    {
        Assert.Equal(["task_id", "new_parameters", "no_child_retry", "discard_events"], Names(generated.Endpoint("task", "retry")));
        Assert.Equal(["task_id"], Names(generated.Endpoint("task", "get_status")));
        Assert.Equal(["request_id", "dataset", "cancel_fts", "source_rse"], Names(generated.Endpoint("data_carousel", "change_staging_source")));
        Assert.Empty(Names(generated.Endpoint("system", "is_alive")));
    }

    [Theory]
    [InlineData("job", "get_status", "job_ids", "List[int]")]
    [InlineData("task", "retry", "new_parameters", "Dict | str")]
    [InlineData("data_carousel", "change_staging_source", "request_id", "int | None")]
    [InlineData("data_carousel", "change_staging_source", "source_rse", "str | None")]
    [InlineData("task", "get_datasets_and_files", "dataset_types", "List[str]")]
    [InlineData("shapes", "defaults", "mapping", "Dict")]
    [InlineData("shapes", "wrapped_annotation", "values", "Dict[str, List[int]]")]
    [InlineData("task", "get_status", "task_id", null)]
    [InlineData("shapes", "defaults", "none", null)]
    public void Type_IsTheAnnotationAsWritten_OrNullWhenUnannotated(string module, string function, string parameter, string? annotation) =>
        Assert.Equal(annotation, Type(generated.Parameter(module, function, parameter)));

    [Fact]
    public void Keywords_AreMarked_WithOrWithoutAnAnnotation()
    {
        var kwargs = generated.Parameter("system", "get_attributes", "kwargs");
        Assert.Equal("keywords", kwargs.GetProperty("kind").GetString());
        Assert.Equal("dict", Type(kwargs));
        Assert.False(kwargs.GetProperty("required").GetBoolean());
        Assert.False(kwargs.TryGetProperty("default", out _));
        var extra = generated.Parameter("shapes", "defaults", "extra");
        Assert.Equal("keywords", extra.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, extra.GetProperty("type").ValueKind);
        Assert.False(generated.Parameter("shapes", "defaults", "yes").TryGetProperty("kind", out _));
    }

    [Fact]
    public void Required_MeansNoDefault_AndThenNoDefaultIsWritten()
    {
        var taskId = generated.Parameter("task", "retry", "task_id");
        Assert.True(taskId.GetProperty("required").GetBoolean());
        Assert.False(taskId.TryGetProperty("default", out _));
        var code = generated.Parameter("job", "kill", "code");
        Assert.False(code.GetProperty("required").GetBoolean());
        Assert.Equal("null", Default(code));
    }

    [Theory]
    [InlineData("job", "get_status", "timeout", "60")]
    [InlineData("job", "kill", "kill_options", "[]")]
    [InlineData("task", "get_datasets_and_files", "dataset_types", """["input","pseudo_input"]""")]
    [InlineData("task", "retry", "no_child_retry", "false")]
    [InlineData("shapes", "bare", "name", "\"x\"")]
    [InlineData("shapes", "defaults", "none", "null")]
    [InlineData("shapes", "defaults", "yes", "true")]
    [InlineData("shapes", "defaults", "count", "-3")]
    [InlineData("shapes", "defaults", "ratio", "2.5")]
    [InlineData("shapes", "defaults", "big", "1000")]
    [InlineData("shapes", "defaults", "mask", "31")]
    [InlineData("shapes", "defaults", "text", "\"two parts\"")]
    [InlineData("shapes", "defaults", "escaped", "\"tab\\there\\nline \u00e9\"")]
    [InlineData("shapes", "defaults", "pair", """["a","b"]""")]
    [InlineData("shapes", "defaults", "single", """["only"]""")]
    [InlineData("shapes", "defaults", "mapping", """{"a":1,"b":[true,null],"3":"three"}""")]
    [InlineData("shapes", "defaults", "keyword_only", "\"k\"")]
    [InlineData("shapes", "stacked", "pattern", "\"a#b)c\"")]
    [InlineData("shapes", "stacked", "other", "\"it's\"")]
    [InlineData("shapes", "stacked", "path", "\"C:\\\\temp\"")]
    [InlineData("shapes", "wrapped_annotation", "continued", "5")]
    public void Default_IsThePythonLiteralAsJson(string module, string function, string parameter, string json)
    {
        var written = generated.Parameter(module, function, parameter);
        Assert.False(written.GetProperty("required").GetBoolean());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(json).RootElement, written.GetProperty("default")), Default(written));
    }

    [Fact]
    public void Default_IsLeftOut_WhenItIsNotALiteral()
    {
        foreach (var name in new[] { "limit", "computed" })
        {
            var parameter = generated.Parameter("shapes", "defaults", name);
            Assert.False(parameter.GetProperty("required").GetBoolean());
            Assert.False(parameter.TryGetProperty("default", out _));
        }
    }

    [Fact]
    public void Descriptions_AreTheDocstringsOwnText()
    {
        var retry = generated.Endpoint("task", "retry");
        Assert.Equal(
            "Task retry\n\nRetry a task that ended badly. The owner may retry it,\nand so may anyone with the production role.",
            retry.GetProperty("description").GetString());
        Assert.Equal(
            "dict: The system response `{\"success\": success, \"message\": message, \"data\": data}`.\nThe data field holds the return code.",
            retry.GetProperty("returns").GetString());
        Assert.Equal("JEDI task ID", generated.Parameter("task", "retry", "task_id").GetProperty("description").GetString());
        Assert.Equal(
            "parameters to change for the rerun.\nThey are merged into the existing ones.",
            generated.Parameter("task", "retry", "new_parameters").GetProperty("description").GetString());
        // "name (type): text" as well as "name(type): text", and "**kwargs" for the catch-all.
        Assert.Equal("if True, processed events are thrown away. Defaults to False",
            generated.Parameter("task", "retry", "discard_events").GetProperty("description").GetString());
        Assert.Equal("arbitrary keyword parameters that will be printed out",
            generated.Parameter("system", "get_attributes", "kwargs").GetProperty("description").GetString());
        Assert.Equal("JEDI task ID, taken as text", generated.Parameter("task", "get_status", "task_id").GetProperty("description").GetString());
    }

    [Fact]
    public void Descriptions_KeepCodeBlocks_AndSingleQuotedOrRawDocstrings()
    {
        Assert.Equal(
            "Get datasets and files\n\nLists the files of a task's datasets. The answer looks like:\n```\n[\n    {\"dataset\": {\"name\": name, \"id\": id}, \"files\": [...]}\n]\n```",
            generated.Endpoint("task", "get_datasets_and_files").GetProperty("description").GetString());
        Assert.Equal("Empty parentheses and a single-quoted docstring.", generated.Endpoint("shapes", "empty_call").GetProperty("description").GetString());
        Assert.Equal("Stacked decorators, a qualified one among them.", generated.Endpoint("shapes", "stacked").GetProperty("description").GetString());
        Assert.Equal("a pattern with a # and a ) in its default",
            generated.Parameter("shapes", "stacked", "pattern").GetProperty("description").GetString());
    }

    [Fact]
    public void Descriptions_FallBackToTheTitle_AndToNothingForUndocumentedParameters()
    {
        var relay = generated.Endpoint("idds", "relay_idds_command");
        Assert.Equal("Relay iDDS command.", relay.GetProperty("description").GetString());
        Assert.Equal("", relay.GetProperty("returns").GetString());
        Assert.Equal("", generated.Parameter("idds", "relay_idds_command", "command_name").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("task", "get_status", "Get status", true, false, true)]
    [InlineData("task", "retry", "Retry", false, false, false)]
    [InlineData("task", "resume", "Resume", false, false, false)]
    [InlineData("task", "kill_unfinished_jobs", "Kill unfinished jobs", false, true, false)]
    [InlineData("job", "get_description", "Get description", true, false, true)]
    [InlineData("job", "kill", "Kill", false, true, false)]
    [InlineData("creds", "set_user_secrets", "Set user secrets", false, true, false)]
    [InlineData("creds", "get_user_secrets", "Get user secrets", true, false, true)]
    [InlineData("data_carousel", "change_staging_source", "Change staging source", false, true, false)]
    [InlineData("job", "generate_offline_execution_script", "Generate offline execution script", true, false, true)]
    public void Hints_FollowTheMethodAndTheNamesFirstWord(string module, string function, string title, bool readOnly, bool destructive, bool idempotent)
    {
        var endpoint = generated.Endpoint(module, function);
        Assert.Equal(title, endpoint.GetProperty("title").GetString());
        Assert.Equal(readOnly, endpoint.GetProperty("readOnly").GetBoolean());
        Assert.Equal(destructive, endpoint.GetProperty("destructive").GetBoolean());
        Assert.Equal(idempotent, endpoint.GetProperty("idempotent").GetBoolean());
    }

    [Fact]
    public void Envelope_IsFalse_OnlyForADeclaredStrReturn()
    {
        Assert.False(generated.Endpoint("job", "generate_offline_execution_script").GetProperty("envelope").GetBoolean());
        Assert.True(generated.Endpoint("job", "kill").GetProperty("envelope").GetBoolean());
        Assert.True(generated.Endpoint("idds", "relay_idds_command").GetProperty("envelope").GetBoolean());
    }

    [Fact]
    public void Files_HaveTheCatalogsPropertiesInItsOrder()
    {
        var creds = generated.Module("creds");
        Assert.Equal(["module", "listKey", "description", "endpoints"], creds.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            [
                "function", "method", "methodEnforced", "secure", "production", "taskOwner", "envelope", "title",
                "readOnly", "destructive", "idempotent", "description", "returns", "parameters",
            ],
            generated.Endpoint("task", "retry").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "type", "required", "default", "description"],
            generated.Parameter("task", "retry", "new_parameters").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "kind", "type", "required", "description"],
            generated.Parameter("system", "get_attributes", "kwargs").EnumerateObject().Select(p => p.Name));
    }
}
