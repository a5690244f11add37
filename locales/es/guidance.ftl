### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = ¿Sobre qué trámite necesita orientación?
guidance-gone = Ese trámite ya no se ofrece.
guidance-documents = Documentos que debe llevar:
guidance-if-applicable = (si le corresponde)
guidance-fee = Tasa: { $fee }
guidance-fee-unknown = Tasa: sin confirmar; pregunte en la oficina.
guidance-processing = Plazo de tramitación: hasta { $days ->
        [one] { $days } día hábil
        [many] { $days } de días hábiles
       *[other] { $days } días hábiles
    }
guidance-processing-unknown = Plazo de tramitación: sin confirmar; pregunte en la oficina.
guidance-unverified = ⚠ No confirmado por una fuente oficial.
guidance-steps = Pasos:
    1. Reserve una cita.
    2. Lleve los documentos de arriba (originales y copias) y el código de la reserva, impreso o en pantalla.
    3. En la oficina: presente la solicitud, le toman foto y huellas si hace falta, pague la tasa.
    4. Guarde el resguardo: lleva su número de resguardo y la fecha de recogida.
    5. Recoja su pasaporte en la fecha de recogida.
guidance-source = Fuente: { $url } (comprobado el { $date })
guidance-book-this = 📅 Reservar este trámite
