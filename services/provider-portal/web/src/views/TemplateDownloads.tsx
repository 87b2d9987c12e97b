import { useState } from 'react';
import { downloadFile, ErrorState, useToken } from '@rosterlink/ui';

/**
 * The approved roster template (upload-service), as CSV or Excel: the header row to fill in. The Excel
 * template is the practice's own (`groupId`): its Service Location drop-down lists the group's locations.
 */
export function TemplateDownloads({ groupId }: { groupId: string }) {
  const token = useToken();
  const [error, setError] = useState<unknown>(null);
  const download = (extension: 'csv' | 'xlsx') => () => {
    const path = extension === 'xlsx' ? `/upload/roster-template.xlsx?groupId=${encodeURIComponent(groupId)}` : '/upload/roster-template.csv';
    return downloadFile(token, path, `roster-template.${extension}`).then(() => setError(null), setError);
  };
  return (
    <div className="templates">
      <span>Approved template:</span>
      <button type="button" onClick={download('csv')}>
        Download template (CSV)
      </button>
      <button type="button" onClick={download('xlsx')}>
        Download template (Excel .xlsx)
      </button>
      {error !== null && <ErrorState error={error} />}
    </div>
  );
}
