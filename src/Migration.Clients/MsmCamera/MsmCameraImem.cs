namespace Migration.Clients.MsmCamera;

/// <summary>
/// Where the board put the two IMEM buffers msm_isp_open maps (IMEM_Y_PING_OFFSET, IMEM_Y_PONG_OFFSET) and the size
/// it maps of each: (IMEM_Y_SIZE + IMEM_CBCR_SIZE + 4095) &amp; ~4095 (msm.md §8).
/// </summary>
/// <param name="PingPhys">Physical address of the ping buffer.</param>
/// <param name="PongPhys">Physical address of the pong buffer.</param>
/// <param name="MapSize">Bytes msm_isp_open maps per buffer.</param>
public readonly record struct MsmCameraImem(uint PingPhys, uint PongPhys, uint MapSize);
