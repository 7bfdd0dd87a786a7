using System.IO.Compression;
using System.Text;
using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>
/// PanDA's parameter parsing: a JSON body only for POST/PUT with <c>Content-Type</c> exactly
/// <c>application/json</c> (gunzipped first only with <c>Content-Encoding: gzip</c>); the query string for
/// GET/HEAD; for anything else the form fields, first value per key, files as FileStorage, nothing cast.
/// </summary>
internal static class ParameterParser
{
    public static async Task<ParsedParameters> ParseAsync(HttpRequest request, CancellationToken cancellation)
    {
        var method = request.Method;
        if (request.Headers.ContentType.ToString() == "application/json" && method is "POST" or "PUT")
        {
            var body = await ReadBodyAsync(request, cancellation);
            try
            {
                if (request.Headers.ContentEncoding.ToString() == "gzip")
                {
                    body = Gunzip(body);
                }
                return ParsedParameters.Of(PyJsonParser.Loads(body));
            }
            catch (PyJsonDecodeException e)
            {
                return new ParsedParameters(null, e.Message, null);
            }
            catch (PyException e)
            {
                return new ParsedParameters(null, null, e);
            }
        }
        if (method is "GET" or "HEAD")
        {
            return ParsedParameters.Of(PyQueryString.Parse(request.QueryString.Value));
        }
        if (!request.HasFormContentType)
        {
            return ParsedParameters.Of(new PyDict());
        }
        try
        {
            var form = await request.ReadFormAsync(cancellation);
            var values = new PyDict();
            foreach (var (key, value) in form)
            {
                values[key] = value.Count > 0 ? value[0] ?? "" : "";
            }
            foreach (var file in form.Files)
            {
                if (!values.ContainsKey(file.Name))
                {
                    using var stream = new MemoryStream();
                    await file.CopyToAsync(stream, cancellation);
                    values[file.Name] = new PyFile(file.FileName, file.ContentType ?? "application/octet-stream", stream.ToArray());
                }
            }
            return ParsedParameters.Of(values);
        }
        catch (InvalidDataException e)
        {
            return new ParsedParameters(null, null, PyException.ValueError(e.Message));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }

    /// <summary><c>gzip.decompress</c>, with Python's errors for what is not gzip.</summary>
    private static byte[] Gunzip(byte[] body)
    {
        if (body.Length == 0)
        {
            return body;
        }
        if (body.Length < 2 || body[0] != 0x1f || body[1] != 0x8b)
        {
            throw new PyException("BadGzipFile", $"Not a gzipped file ({BytesRepr(body.AsSpan(0, Math.Min(2, body.Length)))})");
        }
        try
        {
            using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new PyException("EOFError", "Compressed file ended before the end-of-stream marker was reached");
        }
    }

    /// <summary>Python's repr of a bytes value, e.g. <c>b'{"'</c>.</summary>
    private static string BytesRepr(ReadOnlySpan<byte> bytes)
    {
        var quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var builder = new StringBuilder("b").Append(quote);
        foreach (var b in bytes)
        {
            builder.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\t' => "\\t",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                _ when b == quote => $"\\{quote}",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        return builder.Append(quote).ToString();
    }
}
