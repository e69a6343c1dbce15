namespace Migration.Clients.Omap3isp;

/// <summary>enum isp_video_buffer_state (ispqueue.h), reduced to what QBUF/DQBUF bookkeeping needs.</summary>
public enum IspVideoBufferState
{
    /// <summary>ISP_BUF_STATE_IDLE: owned by the application.</summary>
    Idle,

    /// <summary>ISP_BUF_STATE_QUEUED / ACTIVE: on the queue, its isp_addr may be programmed into the hardware.</summary>
    Queued,
}
