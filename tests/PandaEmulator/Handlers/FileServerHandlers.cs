using PandaEmulator.Api;
using PandaEmulator.Python;

namespace PandaEmulator.Handlers;

/// <summary>The file server endpoints with more than a plain success (<c>file_server_api.py</c>).</summary>
internal sealed class FileServerHandlers : IHandlerModule
{
    public void Register(HandlerRegistry registry)
    {
        registry.Add("file_server", "upload_file_recovery_request", UploadFileRecoveryRequest);
        registry.Add("file_server", "download_jedi_log", DownloadJediLog);
    }

    private static PyDict UploadFileRecoveryRequest(HandlerContext context)
    {
        if (!context.Truthy("task_id") && !context.Truthy("dataset"))
        {
            return Envelope.Fail("Either task_id or dataset must be provided");
        }
        var request = context.Request;
        var logFile = $"jedilog/lost_file_recovery.{Guid.NewGuid()}.log";
        return Envelope.Ok(new PyDict { { "logFileURL", $"{request.Scheme}://{request.Host}/cache/{logFile}" } },
            "The request was accepted and will be processed in a few minutes");
    }

    /// <summary>Plain text: a leading space (PanDA's guard against an empty body) and the log, which the emulator does not keep.</summary>
    private static string DownloadJediLog(HandlerContext context) => " ";
}
