namespace PandaEmulator.Api;

/// <summary>A group of endpoint bodies (usually one PanDA module) that registers itself with the registry.</summary>
internal interface IHandlerModule
{
    void Register(HandlerRegistry registry);
}
