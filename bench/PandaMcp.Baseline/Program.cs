using PandaMcp.Baseline;

var builder = WebApplication.CreateBuilder(args);
builder.AddBaselineMcpServer();

var app = builder.Build();
app.MapMcp("/mcp");
app.Run();
