using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPandaGateway();
builder.AddInProcessSilo();
builder.AddPandaMcpServer();

var app = builder.Build();
app.UseRequestBodyLimit();
app.MapPandaMcp();
app.Run();

/// <summary>The gateway's entry point, visible to the tests that host it.</summary>
public partial class Program;
