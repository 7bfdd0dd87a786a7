namespace PandaEmulator.Api;

/// <summary>One parameter of an endpoint's Python signature.</summary>
internal sealed record ParameterSpec(string Name, PyAnnotation? Annotation, bool HasDefault, object? Default, bool IsVarKeyword);
