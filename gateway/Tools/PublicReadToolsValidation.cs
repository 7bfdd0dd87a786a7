using Microsoft.Extensions.Options;
using PandaMcp.Silo.PublicReads;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// Stops start-up on a <c>PandaMcp:PublicReads:MaxAgeByTool</c> key that names no public read of this gateway's tools:
/// a typo, or a secure tool, would otherwise be ignored without a word. Checked where the catalog is, the gateway.
/// </summary>
public sealed class PublicReadToolsValidation(PandaToolSet tools) : IValidateOptions<PublicReadOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicReadOptions options)
    {
        var publicReads = tools.Tools.Where(t => t.Endpoint.IsPublicRead).Select(t => t.Endpoint.ToolName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = options.MaxAgeByTool.Keys.Where(tool => !publicReads.Contains(tool)).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unknown.Select(tool =>
                $"{PublicReadOptions.SectionName}:MaxAgeByTool:{tool} names no public read of this gateway (they are: {string.Join(", ", publicReads.Order(StringComparer.Ordinal))})."));
    }
}
