namespace PandaMcp.Catalog;

/// <summary>The JSON value kinds a parameter accepts.</summary>
[Flags]
public enum JsonKinds
{
    None = 0,
    String = 1,
    Integer = 2,
    Number = 4,
    Boolean = 8,
    Array = 16,
    Object = 32,
    Null = 64,
}
