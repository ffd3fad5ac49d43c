// how much of the cover is scratched off, tracked on a coarse grid from the strokes themselves:
// no canvas read-back (getImageData stalls the GPU pipeline and fails on a cover image from another origin)

export type CoverageGrid = {
  /** mark the cells a stroke from (x0, y0) to (x1, y1) of `radius` touches; coordinates in the card's pixels */
  stroke(x0: number, y0: number, x1: number, y1: number, radius: number): void;
  /** share of cells scratched, in [0, 1] */
  share(): number;
  reset(): void;
};

/**
 * A `cols` × `rows` grid over a `width` × `height` card; a cell counts as scratched when a stroke passes over its centre.
 * @example
 * const grid = createCoverageGrid(300, 200);
 * grid.stroke(0, 100, 300, 100, 30);
 * grid.share(); // ≈ 0.3
 */
export function createCoverageGrid(width: number, height: number, cols = 24, rows = 16): CoverageGrid {
  const cells = new Uint8Array(cols * rows);
  const cw = width / cols;
  const ch = height / rows;
  let marked = 0;
  return {
    stroke(x0, y0, x1, y1, radius) {
      // only the cells inside the stroke's bounding box can be touched
      const c0 = Math.max(0, Math.floor((Math.min(x0, x1) - radius) / cw));
      const c1 = Math.min(cols - 1, Math.floor((Math.max(x0, x1) + radius) / cw));
      const r0 = Math.max(0, Math.floor((Math.min(y0, y1) - radius) / ch));
      const r1 = Math.min(rows - 1, Math.floor((Math.max(y0, y1) + radius) / ch));
      const dx = x1 - x0;
      const dy = y1 - y0;
      const len2 = dx * dx + dy * dy;
      const r2 = radius * radius;
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const i = r * cols + c;
          if (cells[i]) continue;
          const px = (c + 0.5) * cw;
          const py = (r + 0.5) * ch;
          // distance from the cell centre to the segment
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
          const ex = x0 + t * dx - px;
          const ey = y0 + t * dy - py;
          if (ex * ex + ey * ey <= r2) {
            cells[i] = 1;
            marked++;
          }
        }
      }
    },
    share: () => marked / cells.length,
    reset() {
      cells.fill(0);
      marked = 0;
    },
  };
}
