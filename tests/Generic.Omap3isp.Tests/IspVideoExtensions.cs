namespace Generic.Omap3isp.Tests;

internal static class IspVideoExtensions
{
    /// <summary>QBUF of a USERPTR buffer with v4l2_buffer.length = the buffer's own length (what applications pass).</summary>
    public static int QueueUser(this IspVideo video, int index, uint userptr) => video.Queue(index, userptr, video.Buffer(index).Length);
}
