// Photos as thumbnails, each a link to the full image. The URLs are signed for ten minutes, so they work in
// <img> and in a new tab without a token; the detail page fetches fresh ones when they may have lapsed.
import type { Photo } from '../../api/events';

export function PhotoStrip({ photos, label }: { photos: Photo[]; label: string }) {
  if (photos.length === 0) return null;
  return (
    <ul className="photo-strip" aria-label={label}>
      {photos.map((photo, i) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noopener noreferrer">
            <img
              src={photo.thumbnailUrl}
              alt={`${label} 第 ${i + 1} 张，共 ${photos.length} 张`}
              loading="lazy"
              width={96}
              height={96}
            />
            <span className="sr-only">（在新窗口打开原图）</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
