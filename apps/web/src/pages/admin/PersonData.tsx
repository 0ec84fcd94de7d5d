import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import { useMe } from '../../auth';
import { Form, useConfirm, useDone } from '../../components/actions';
import { errorCode, fieldErrors, FormError, TextArea } from '../../components/forms';
import { frenchMessage } from '../../errors';
import { EraseParticipantDocument, ExportParticipantDataDocument } from '../../graphql/generated';

/**
 * A person's rights, on their pathway's page: the export of everything Parcours holds about them
 * (right of access: ADMIN, and a MANAGER for their operator's pathways), downloaded as a JSON file;
 * and, for an ADMIN, the erasure of their identity, refused in words while a pathway is open.
 */
export function PersonData({ participantId, person }: { participantId: string; person: string }) {
  const me = useMe();
  const client = useClient();
  const [exportError, setExportError] = useState<string>();
  const [reason, setReason] = useState('');
  const [{ fetching, data, error }, erase] = useMutation(EraseParticipantDocument);
  const errors = fieldErrors(data?.eraseParticipant.userErrors ?? []);
  const [dialog, ask] = useConfirm();
  const done = useDone();

  async function download() {
    setExportError(undefined);
    const result = await client.query(ExportParticipantDataDocument, { participantId }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return setExportError(frenchMessage(errorCode(result.error) ?? 'INTERNAL_SERVER_ERROR'));
    const file = new Blob([JSON.stringify(result.data.exportParticipantData, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `parcours-donnees-${participantId}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <section aria-labelledby="droits">
      <h2 id="droits">Droits de la personne</h2>
      <div className="panel">
        <h3>Droit d’accès</h3>
        <p>Tout ce que Parcours conserve sur {person}, en un fichier JSON (la consultation est inscrite au journal des accès).</p>
        <FormError messages={exportError ? [exportError] : undefined} />
        <button type="button" onClick={() => void download()}>
          Exporter ses données (JSON)
        </button>
      </div>
      {me.role === 'ADMIN' && (
        <Form
          className="panel"
          onSubmit={async () => {
            const sure = await ask({ title: `Effacer l’identité de ${person} ?`, consequence: 'Son nom, sa date de naissance, ses coordonnées et les textes libres de ses parcours sont effacés pour toujours ; seuls les chiffres restent. Cela ne peut pas être annulé.', confirm: 'Effacer l’identité' });
            if (!sure) return;
            const result = await erase({ input: { participantId, reason: reason.trim() } });
            if (result.data?.eraseParticipant.erased) done('L’identité de la personne est effacée.');
          }}
        >
          {dialog}
          <h3>Effacement</h3>
          <p>Efface l’identité et les textes libres ; les chiffres gardent ce qu’il leur faut. Impossible tant qu’un parcours est en cours.</p>
          <FormError messages={errors[''] ?? errors.participantId ?? (error ? [frenchMessage(errorCode(error)!)] : undefined)} />
          <TextArea label="Motif de l’effacement" value={reason} onChange={setReason} errors={errors.reason} />
          <button type="submit" disabled={fetching}>
            Effacer l’identité
          </button>
        </Form>
      )}
    </section>
  );
}
