using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard on a silo: off unless enabled, and then only behind HTTP Basic authentication with a
/// configured password (from a Secret), under <see cref="PathPrefix"/>.
/// </summary>
public sealed class PandaDashboardOptions : IValidatableObject
{
    public const string SectionName = "PandaMcp:Dashboard";
    public const int MinPasswordLength = 16;

    public bool Enabled { get; set; }

    /// <summary>Where the dashboard is served, such as <c>/dashboard</c>.</summary>
    [RegularExpression("^/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$", ErrorMessage = "must start with '/' and not end with one")]
    public string PathPrefix { get; set; } = "/dashboard";

    public string Username { get; set; } = "admin";

    /// <summary>Required when enabled; at least <see cref="MinPasswordLength"/> characters.</summary>
    public string? Password { get; set; }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Enabled && (Password?.Length ?? 0) < MinPasswordLength)
        {
            yield return new ValidationResult(
                $"the dashboard is enabled, so a password of at least {MinPasswordLength} characters is required.", [nameof(Password)]);
        }
        if (Enabled && string.IsNullOrWhiteSpace(Username))
        {
            yield return new ValidationResult("the dashboard is enabled, so a user name is required.", [nameof(Username)]);
        }
    }
}
