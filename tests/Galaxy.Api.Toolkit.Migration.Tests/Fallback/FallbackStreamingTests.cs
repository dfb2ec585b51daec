using System.Net;
using System.Security.Cryptography;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary>Runs alone: the streaming tests measure the bytes this process allocates while 200 MiB go through it.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class StreamingCollection
{
    public const string Name = "Fallback streaming (alone)";
}

/// <summary>Large bodies stream through the fallback both ways, never held in memory.</summary>
[Collection(typeof(StreamingCollection))]
public sealed class FallbackStreamingTests
{
    private const long Size = 200L * 1024 * 1024;

    // A proxy that buffered would allocate at least the body; streaming allocates a few pooled buffers.
    private const long AllocationBound = Size / 8;

    [Fact]
    public async Task A_200_MiB_upload_streams_to_the_legacy_server_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.MaxRequestBodySize = -1);
        using var content = new GeneratedContent(Size);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await host.Client.PostAsync("api/datasets/upload", content, ct);
        var echo = await FallbackHost.EchoAsync(response);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        TestContext.Current.TestOutputHelper?.WriteLine($"allocated {allocated:N0} bytes while uploading {Size:N0}");
        Assert.Equal(Size, (long)echo["body_length"]!);
        Assert.Equal(content.Sha256Hex, (string)echo["body_sha256"]!);
        Assert.True(allocated < AllocationBound, $"{allocated:N0} bytes allocated while uploading {Size:N0}");
    }

    [Fact]
    public async Task An_upload_over_the_host_limit_is_refused_unless_the_fallback_lifts_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.MaxRequestBodySize = 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/datasets/upload") { Content = new GeneratedContent(2 * 1024 * 1024) };
        // The refusal comes before the body is sent, so the client reads it instead of a reset connection.
        request.Headers.ExpectContinue = true;

        using var response = await host.Client.SendAsync(request, ct);

        await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, 413001);
    }

    [Fact]
    public async Task A_200_MiB_download_streams_from_the_legacy_server_intact()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy]);
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)(i % 251);
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await host.Client.GetAsync("api/download/200", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        long received = 0;
        var mismatches = 0L;
        var buffer = new byte[64 * 1024];
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != chunk[(received + i) % chunk.Length])
                    {
                        mismatches++;
                    }
                }

                received += read;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        TestContext.Current.TestOutputHelper?.WriteLine($"allocated {allocated:N0} bytes while downloading {Size:N0}");
        Assert.Equal(Size, received);
        Assert.Equal(0, mismatches);
        Assert.True(allocated < AllocationBound, $"{allocated:N0} bytes allocated while downloading {Size:N0}");
    }

    /// <summary>A request body generated while it is sent (never held whole), hashed on the way.</summary>
    private sealed class GeneratedContent : HttpContent
    {
        private readonly long _length;
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public GeneratedContent(long length)
        {
            _length = length;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        }

        public string Sha256Hex { get; private set; } = string.Empty;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[64 * 1024];
            for (long sent = 0, block = 0; sent < _length; block++)
            {
                var count = (int)Math.Min(buffer.Length, _length - sent);
                for (var i = 0; i < count; i++)
                {
                    buffer[i] = (byte)((block * 31) + (i * 7));
                }

                _hash.AppendData(buffer, 0, count);
                await stream.WriteAsync(buffer.AsMemory(0, count));
                sent += count;
            }

            Sha256Hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
